// The last bytes a shell printed, by offset in its whole output: what a client that reconnects with `after`
// missed is replayed from here, exactly once. Bounded: the oldest chunks go first.

export class ReplayBuffer {
  private readonly chunks: { offset: number; data: Buffer }[] = [];
  private bytes = 0;
  /** Offset just past the last byte ever added. */
  end = 0;

  constructor(readonly capacity: number) {}

  /** Offset of the oldest byte still held. */
  get start(): number {
    return this.end - this.bytes;
  }

  add(data: Buffer): number {
    const offset = this.end;
    if (data.length === 0) return offset;
    this.chunks.push({ offset, data });
    this.bytes += data.length;
    this.end += data.length;
    while (this.bytes > this.capacity && this.chunks.length > 1) {
      const dropped = this.chunks.shift();
      if (dropped) this.bytes -= dropped.data.length;
    }
    const [only] = this.chunks;
    if (this.bytes > this.capacity && only) {
      // One chunk larger than the whole buffer: keep its tail.
      const cut = this.bytes - this.capacity;
      only.data = only.data.subarray(cut);
      only.offset += cut;
      this.bytes = this.capacity;
    }
    return offset;
  }

  /** Everything after `after`, as chunks with their offsets, and how many bytes after it are no longer held. */
  since(after: number): { chunks: { offset: number; data: Buffer }[]; lost: number } {
    const from = Math.max(0, Math.min(after, this.end));
    const lost = Math.max(0, this.start - from);
    const chunks: { offset: number; data: Buffer }[] = [];
    for (const chunk of this.chunks) {
      const chunkEnd = chunk.offset + chunk.data.length;
      if (chunkEnd <= from) continue;
      const skip = Math.max(0, from - chunk.offset);
      chunks.push({ offset: chunk.offset + skip, data: chunk.data.subarray(skip) });
    }
    return { chunks, lost };
  }
}
