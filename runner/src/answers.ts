// Exactly once per id: a repeat of an id in flight joins it, a repeat of an id that ended recently gets the
// stored answer. Memory is bounded by entries, bytes and age; only answers marked to be remembered are kept.
import { createHash } from "node:crypto";

export interface AnswerOptions {
  /** How long a finished answer is kept. */
  ttlMs: number;
  /** Finished answers kept at most; the oldest go first. */
  maxEntries: number;
  /** Their JSON size in all, at most; the oldest go first. */
  maxBytes: number;
  now?: () => number;
}

export const answerDefaults = { ttlMs: 15 * 60_000, maxEntries: 1000, maxBytes: 64 * 1024 * 1024 } as const;

export type Lookup<T> =
  | { kind: "conflict" }
  | { kind: "joined"; answer: Promise<T> }
  | { kind: "stored"; answer: Promise<T> }
  | undefined;

interface Stored<T> {
  fingerprint: string;
  answer: T;
  bytes: number;
  expiresAt: number;
}

/** A digest of the validated request: the same id with another request is a conflict, not a repeat. */
export function fingerprintOf(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

export class AnswerBook<T> {
  private readonly running = new Map<string, { fingerprint: string; answer: Promise<T> }>();
  private readonly stored = new Map<string, Stored<T>>();
  private bytes = 0;
  private readonly opts: AnswerOptions;

  constructor(opts: Partial<AnswerOptions> = {}) {
    this.opts = { ...answerDefaults, ...opts };
  }

  /** What is known of this id: in flight, stored, or used by another request. Undefined when it is new. */
  find(id: string, fingerprint: string): Lookup<T> {
    this.prune();
    const running = this.running.get(id);
    if (running)
      return running.fingerprint === fingerprint ? { kind: "joined", answer: running.answer } : { kind: "conflict" };
    const stored = this.stored.get(id);
    if (!stored) return undefined;
    return stored.fingerprint === fingerprint
      ? { kind: "stored", answer: Promise.resolve(stored.answer) }
      : { kind: "conflict" };
  }

  /** Produces the answer for a new id; repeats join it until it settles, then get it from the store. */
  start(id: string, fingerprint: string, produce: () => Promise<{ answer: T; remember: boolean }>): Promise<T> {
    // Leaving `running` and entering the store happen in one step, so a repeat always finds one of them.
    const settle = () => {
      if (this.running.get(id)?.answer === answer) this.running.delete(id);
    };
    const answer: Promise<T> = produce().then(
      (produced) => {
        settle();
        if (produced.remember) this.store(id, fingerprint, produced.answer);
        return produced.answer;
      },
      (error: unknown) => {
        settle();
        throw error;
      },
    );
    this.running.set(id, { fingerprint, answer });
    return answer;
  }

  get size(): { running: number; stored: number; bytes: number } {
    return { running: this.running.size, stored: this.stored.size, bytes: this.bytes };
  }

  private store(id: string, fingerprint: string, answer: T): void {
    const bytes = JSON.stringify(answer).length;
    if (bytes > this.opts.maxBytes) return;
    this.forget(id);
    this.stored.set(id, { fingerprint, answer, bytes, expiresAt: this.now() + this.opts.ttlMs });
    this.bytes += bytes;
    for (const oldest of this.stored.keys()) {
      if (this.stored.size <= this.opts.maxEntries && this.bytes <= this.opts.maxBytes) break;
      this.forget(oldest);
    }
  }

  /** Drops expired answers; they were stored in time order, so the oldest come first. */
  private prune(): void {
    const now = this.now();
    for (const [id, entry] of this.stored) {
      if (entry.expiresAt > now) break;
      this.forget(id);
    }
  }

  private forget(id: string): void {
    const entry = this.stored.get(id);
    if (!entry) return;
    this.stored.delete(id);
    this.bytes -= entry.bytes;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }
}
