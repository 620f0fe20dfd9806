// In-process fixed-window counters: the embedded default when no Redis is configured, and the
// fallback for signed-in users while Redis is down. Single instance only: each process counts alone.
export interface WindowResult {
  success: boolean;
  limit: number;
  remaining: number;
  reset: number;
}

export class MemoryWindow {
  private readonly counts = new Map<string, { bucket: number; used: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private current(key: string, now: number) {
    const bucket = Math.floor(now / this.windowMs);
    const entry = this.counts.get(key);
    if (!entry || entry.bucket !== bucket) return { bucket, used: 0 };
    return entry;
  }

  take(key: string, now = Date.now()): WindowResult {
    const entry = this.current(key, now);
    const reset = (entry.bucket + 1) * this.windowMs;
    if (entry.used >= this.limit) return { success: false, limit: this.limit, remaining: 0, reset };
    this.counts.set(key, { bucket: entry.bucket, used: entry.used + 1 });
    if (this.counts.size > 100_000) this.prune(now);
    return { success: true, limit: this.limit, remaining: this.limit - entry.used - 1, reset };
  }

  peek(key: string, now = Date.now()): WindowResult {
    const entry = this.current(key, now);
    const reset = (entry.bucket + 1) * this.windowMs;
    return { success: entry.used < this.limit, limit: this.limit, remaining: this.limit - entry.used, reset };
  }

  /** Gives one unit of the current window back; nothing when the window is empty. */
  giveBack(key: string, now = Date.now()) {
    const entry = this.current(key, now);
    if (entry.used > 0) this.counts.set(key, { bucket: entry.bucket, used: entry.used - 1 });
  }

  private prune(now: number) {
    const bucket = Math.floor(now / this.windowMs);
    for (const [key, entry] of this.counts) if (entry.bucket !== bucket) this.counts.delete(key);
  }
}
