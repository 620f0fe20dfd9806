// Bounded capture of a program's output: bytes past the cap are dropped as they arrive, never buffered.
import { Writable } from "node:stream";

export class CappedOutput extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;

  constructor(
    private readonly cap: number,
    private readonly onOverflow: () => void,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.add(chunk);
    done();
  }

  /** Synchronous write: keeps what fits under the cap and reports the first overflow. Answers what was kept. */
  add(chunk: Buffer): Buffer {
    const room = this.cap - this.size;
    if (chunk.length > room) {
      const kept = room > 0 ? this.keep(chunk.subarray(0, room)) : Buffer.alloc(0);
      if (!this.overflowed) {
        this.overflowed = true;
        this.onOverflow();
      }
      return kept;
    }
    return this.keep(chunk);
  }

  private keep(chunk: Buffer): Buffer {
    // Copy: the demuxer may reuse the underlying buffer.
    const copy = Buffer.from(chunk);
    this.chunks.push(copy);
    this.size += chunk.length;
    return copy;
  }

  text(): string {
    return decodeUtf8(Buffer.concat(this.chunks, this.size), this.overflowed);
  }
}

/** Decodes UTF-8; when the bytes were cut, drops a trailing partial character instead of showing U+FFFD. */
export function decodeUtf8(bytes: Buffer, cut: boolean): string {
  return (cut ? bytes.subarray(0, utf8Boundary(bytes)) : bytes).toString("utf8");
}

/** Length of `bytes` without an incomplete multi-byte sequence at its end. */
export function utf8Boundary(bytes: Buffer): number {
  const end = bytes.length;
  // A character is at most 4 bytes, so only the last 3 can start an unfinished one.
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const byte = bytes[i] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return end - i < needed ? i : end;
  }
  return end;
}
