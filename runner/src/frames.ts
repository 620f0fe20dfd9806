// Wire format between the runner and a sandbox's supervisor. Everything read here came out of a sandbox:
// sizes are capped before anything is buffered, and a malformed frame ends the conversation.
import { Writable } from "node:stream";
import { z } from "zod";

export type FrameKind = "R" | "O" | "E" | "I" | "X" | "M" | "P";
export interface Frame {
  kind: FrameKind;
  payload: Buffer;
}

/** Largest payload per frame kind; the supervisors send output in chunks of at most 64 KiB. */
export const maxPayload: Record<FrameKind, number> = {
  R: 4096,
  O: 64 * 1024,
  E: 64 * 1024,
  I: 1024 * 1024,
  X: 4096,
  M: 64 * 1024,
  P: 4096,
};
const headerBytes = 5;

/** Splits a supervisor's stdout into frames: 1 kind byte, 4-byte big-endian length, payload. */
export class FrameParser extends Writable {
  private header = Buffer.alloc(headerBytes);
  private headerFill = 0;
  private payload: Buffer | null = null;
  private payloadFill = 0;
  private kind: FrameKind = "R";
  failed = false;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly onError: (error: Error) => void,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.parse(chunk);
    done();
  }

  /** Parses synchronously, so a frame's handler runs before the next chunk is looked at. */
  parse(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.failed) {
      if (this.payload === null) {
        const take = Math.min(headerBytes - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < headerBytes) return;
        const kind = String.fromCharCode(this.header[0] as number);
        const length = this.header.readUInt32BE(1);
        if (!(kind in maxPayload)) {
          this.fail(`unknown frame kind 0x${(this.header[0] as number).toString(16)}`);
          return;
        }
        if (length > maxPayload[kind as FrameKind]) {
          this.fail(`${kind} frame of ${length} bytes is too large`);
          return;
        }
        this.kind = kind as FrameKind;
        this.payload = Buffer.allocUnsafe(length);
        this.payloadFill = 0;
      }
      const take = Math.min(this.payload.length - this.payloadFill, chunk.length - offset);
      chunk.copy(this.payload, this.payloadFill, offset, offset + take);
      this.payloadFill += take;
      offset += take;
      if (this.payloadFill === this.payload.length) {
        const frame = { kind: this.kind, payload: this.payload };
        this.payload = null;
        this.headerFill = 0;
        this.onFrame(frame);
      }
    }
  }

  private fail(message: string): void {
    this.failed = true;
    this.payload = null;
    this.onError(new Error(`sandbox protocol violation: ${message}`));
  }
}

/** A message to a supervisor: "<n>\n" + n bytes of JSON. */
export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`${body.length}\n`), body]);
}

/** A heavy module a supervisor may import lazily (numpy, matplotlib.pyplot, ...). */
const ModuleName = z.string().regex(/^[A-Za-z_][\w.]{0,63}$/);
const ModuleNames = z.array(ModuleName).max(16);

/** The R frame: the supervisor is up; `lazy` lists the modules it can preload later, `preloaded` those it has. */
export const ReadyReport = z.object({ preloaded: ModuleNames, lazy: ModuleNames.default([]) });
export type ReadyReport = z.infer<typeof ReadyReport>;

/** The P frame: a preload is over; every lazy module the supervisor holds now. */
export const PreloadReport = z.object({ preloaded: ModuleNames });

/** The X frame: how the run's main process ended, or why the supervisor could not start it. */
export const ExitReport = z.union([
  z.object({
    code: z.number().int().min(0).max(255).nullable(),
    signal: z.number().int().min(1).max(64).nullable(),
    dirty: z.boolean().optional(),
    /** Lazy modules the program imported that the supervisor has not: worth preloading for the next run. */
    wants: ModuleNames.optional(),
  }),
  z.object({ error: z.string().max(2000), dirty: z.boolean().optional() }),
]);
export type ExitReport = z.infer<typeof ExitReport>;

/** The M frame: a workspace run did not start, the sandbox lacks the content of these paths. */
export const MissingReport = z.object({ missing: z.array(z.string().max(200)).min(1).max(200) });

/** Parses a JSON payload against `schema`; null for anything else. */
export function parseJsonFrame<T>(payload: Buffer, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload.toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function isPng(bytes: Buffer): boolean {
  return bytes.length > pngSignature.length && bytes.subarray(0, pngSignature.length).equals(pngSignature);
}
