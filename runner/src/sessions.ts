// Session mode: one warm sandbox per signed-in user (both languages: the Python image has Node.js too), reused
// for that user's runs only, one run at a time, reaped after an idle timeout. It keeps the user's workspace
// contents (see contract/workspace.ts); between runs the supervisor kills every process of the last run and
// empties the scratch space; a sandbox that cannot prove it did (dirty, protocol error) is replaced.
import type { Logger } from "pino";
import { guestSessionPrefix, type RunnerLanguage, type RunRequest, type RunResult } from "./contract";
import { markRetriable } from "./retriable";
import { internalErrorResult } from "./run-results";
import type { WarmSandbox } from "./sandbox";
import type { RunOptions } from "./sandbox-run";
import { MissingContentError, requireContentForFreshSandbox } from "./workspace-sync";

/** The image of every session sandbox: Python's, which has Node.js as well. */
export const sessionLanguage: RunnerLanguage = "python";

export interface SessionOptions {
  idleMs: number;
  /** Idle time of a guest's session (`guest:<id>`): shorter, a guest has no terminal or workspace. Default idleMs. */
  guestIdleMs?: number;
  /** Sessions kept at once; past it the least recently used idle one is reaped, or the run goes one-shot. */
  max: number;
  /** A fresh, never used sandbox. */
  take: (language: RunnerLanguage, signal?: AbortSignal) => Promise<WarmSandbox>;
  dispose: (sandbox: WarmSandbox) => void;
  logger?: Logger;
}

interface Session {
  sandbox: WarmSandbox | null;
  /** Reaped after this long without a run or a terminal. */
  idleMs: number;
  lastUsed: number;
  busy: number;
  /** Open terminals in this sandbox: while any is, the session is neither reaped nor evicted. */
  holds: number;
  queue: Promise<unknown>;
  /** A preload of heavy modules is under way (after a run that used them). */
  preloading?: boolean;
}

/** No room for another session sandbox: every one is busy or held by a terminal. */
export class SessionsFullError extends Error {
  constructor() {
    super("every session sandbox of this runner is in use");
    this.name = "SessionsFullError";
  }
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private reaper?: NodeJS.Timeout;

  constructor(private readonly opts: SessionOptions) {}

  start(): void {
    const shortest = Math.min(this.opts.idleMs, this.opts.guestIdleMs ?? this.opts.idleMs);
    const every = Math.min(Math.max(Math.floor(shortest / 4), 250), 30_000);
    this.reaper = setInterval(() => this.reap(), every);
    this.reaper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The container id serving a user's session, if one is up (tests). */
  containerOf(userId: string): string | undefined {
    return this.sessions.get(userId)?.sandbox?.id;
  }

  /** The user's sandbox, if one is up: what the terminal's file sync reads and writes. */
  sandboxOf(userId: string): WarmSandbox | undefined {
    const sandbox = this.sessions.get(userId)?.sandbox;
    return sandbox && sandbox.state !== "dead" ? sandbox : undefined;
  }

  /** Runs in the user's own sandbox, after any run of theirs still in flight. */
  run(userId: string, request: RunRequest, runOpts: RunOptions): Promise<RunResult> {
    const id = userId;
    let session = this.sessions.get(id);
    if (!session) {
      if (this.sessions.size >= this.opts.max && !this.evictIdle()) return this.runOnce(request, runOpts);
      session = this.open(id);
    }
    const current = session;
    current.busy++;
    const result = current.queue.then(() => this.runIn(current, request, runOpts));
    // A program that imported a heavy module (pandas, ...) the sandbox lacks: the sandbox imports it now, after
    // the answer and before this user's next run, which then gets it for free. Users who never import pandas
    // never pay its memory.
    current.queue = result.catch(() => {}).then(() => this.preloadWanted(current));
    return result.finally(() => {
      current.busy--;
      current.lastUsed = Date.now();
    });
  }

  /**
   * The user's sandbox for a terminal, started when there is none (after any run of theirs in flight). Until
   * `release`, the session is neither reaped nor evicted; a run may still replace a sandbox it left dirty.
   */
  async hold(userId: string, signal?: AbortSignal): Promise<{ sandbox: WarmSandbox; release: () => void }> {
    let session = this.sessions.get(userId);
    if (!session) {
      if (this.sessions.size >= this.opts.max && !this.evictIdle()) throw new SessionsFullError();
      session = this.open(userId);
    }
    const current = session;
    current.holds++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      current.holds--;
      current.lastUsed = Date.now();
    };
    try {
      const live = current.sandbox;
      if (live?.reusable && live.state !== "dead") return { sandbox: live, release };
      const taken = current.queue.then(async () => {
        const sandbox = current.sandbox;
        if (sandbox?.reusable && sandbox.state === "ready") return sandbox;
        if (sandbox) this.opts.dispose(sandbox);
        current.sandbox = await this.opts.take(sessionLanguage, signal);
        return current.sandbox;
      });
      current.queue = taken.catch(() => {});
      return { sandbox: await taken, release };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Resolves once no session has a run or a preload under way (benchmarks and tests). */
  async idle(): Promise<void> {
    while ([...this.sessions.values()].some((s) => s.busy > 0 || s.preloading))
      await Promise.all([...this.sessions.values()].map((s) => s.queue));
  }

  private async preloadWanted(session: Session): Promise<void> {
    const sandbox = session.sandbox;
    if (!sandbox?.reusable || sandbox.state !== "ready" || sandbox.wants.length === 0) return;
    session.preloading = true;
    try {
      await sandbox.preload(sandbox.wants);
    } catch (error) {
      // Not fatal: a sandbox left unusable is replaced by the next run.
      this.opts.logger?.warn({ err: error }, "session sandbox failed to preload");
    } finally {
      session.preloading = false;
    }
  }

  private open(id: string): Session {
    const guest = id.startsWith(guestSessionPrefix);
    const idleMs = guest ? (this.opts.guestIdleMs ?? this.opts.idleMs) : this.opts.idleMs;
    const session: Session = {
      sandbox: null,
      idleMs,
      lastUsed: Date.now(),
      busy: 0,
      holds: 0,
      queue: Promise.resolve(),
    };
    this.sessions.set(id, session);
    return session;
  }

  /** Reaps sessions idle for longer than their idle time (a guest's is shorter). */
  reap(now = Date.now()): number {
    let reaped = 0;
    for (const [id, session] of this.sessions) {
      if (
        session.busy === 0 &&
        session.holds === 0 &&
        !session.preloading &&
        now - session.lastUsed >= session.idleMs
      ) {
        this.drop(id, session);
        reaped++;
      }
    }
    return reaped;
  }

  async stop(): Promise<void> {
    clearInterval(this.reaper);
    for (const [id, session] of this.sessions) this.drop(id, session);
  }

  private async runIn(session: Session, request: RunRequest, runOpts: RunOptions): Promise<RunResult> {
    try {
      if (session.sandbox && (!session.sandbox.reusable || session.sandbox.state !== "ready")) {
        this.opts.dispose(session.sandbox);
        session.sandbox = null;
      }
      if (!session.sandbox) {
        // A fresh sandbox has stored nothing: ask for the content before taking one.
        requireContentForFreshSandbox(request);
        session.sandbox = await this.opts.take(sessionLanguage, runOpts.signal);
      }
      const sandbox = session.sandbox;
      const result = await sandbox.run(request, runOpts);
      if (!sandbox.reusable) {
        this.opts.dispose(sandbox);
        if (session.sandbox === sandbox) session.sandbox = null;
      }
      return result;
    } catch (error) {
      if (error instanceof MissingContentError) throw error;
      // No sandbox to run in (sandbox.run itself answers rather than throws): the program never started.
      this.opts.logger?.error({ err: error }, "session run failed");
      return markRetriable(internalErrorResult(request, runOpts.signal?.aborted ? "the run was stopped" : undefined));
    }
  }

  private async runOnce(request: RunRequest, runOpts: RunOptions): Promise<RunResult> {
    let sandbox: WarmSandbox | undefined;
    try {
      requireContentForFreshSandbox(request);
      sandbox = await this.opts.take(request.language, runOpts.signal);
      return await sandbox.run(request, runOpts);
    } catch (error) {
      if (error instanceof MissingContentError) throw error;
      this.opts.logger?.error({ err: error }, "one-shot fallback run failed");
      return markRetriable(internalErrorResult(request, runOpts.signal?.aborted ? "the run was stopped" : undefined));
    } finally {
      if (sandbox) this.opts.dispose(sandbox);
    }
  }

  private evictIdle(): boolean {
    let oldest: [string, Session] | undefined;
    for (const entry of this.sessions) {
      if (
        entry[1].busy === 0 &&
        entry[1].holds === 0 &&
        !entry[1].preloading &&
        (!oldest || entry[1].lastUsed < oldest[1].lastUsed)
      )
        oldest = entry;
    }
    if (!oldest) return false;
    this.drop(...oldest);
    return true;
  }

  private drop(id: string, session: Session): void {
    this.sessions.delete(id);
    if (session.sandbox) this.opts.dispose(session.sandbox);
    session.sandbox = null;
  }
}
