// One-shot pool: warm sandboxes started ahead of demand. Each serves exactly one run, is then destroyed by its
// taker, and is replaced in the background, so a run never waits for docker create/start when the pool has stock.
// A sandbox is handed over as soon as its runtime is up when a run waits for it, and preloads its heavy modules
// (pandas, ...) only while nobody does: back-to-back runs wait for docker create/start, not for the preload.
// Half the stock (rounded up) is preloaded, for programs that import pandas; the rest stays bare, for the others
// and for new sessions (which preload only once one of their programs used a heavy module).
import type { Logger } from "pino";
import type { RunnerLanguage } from "./contract";
import type { Docker } from "./docker";
import { runnerErrors } from "./metrics";
import { WarmSandbox } from "./sandbox";

export const modeLabel = "codeyard.mode";

export interface PoolOptions {
  /** Warm sandboxes kept per language; 0 starts one per run on demand. */
  size: number;
  languages: readonly RunnerLanguage[];
  logger?: Logger;
  /** How long a run may wait for a sandbox before it fails. */
  acquireTimeoutMs?: number;
}

/**
 * Which sandbox a taker would rather have: "preloaded" (pandas and the like imported: a program that uses them
 * starts at once) or "bare" (a fork of a small process: trivial programs start faster, and an idle session
 * holds less memory). The pool keeps both kinds in stock.
 */
export type Preference = "preloaded" | "bare" | "any";

interface Waiter {
  resolve: (sandbox: WarmSandbox) => void;
  reject: (error: Error) => void;
}

const maxBackoffMs = 30_000;

export class SandboxPool {
  private readonly ready = new Map<RunnerLanguage, WarmSandbox[]>();
  private readonly starting = new Map<RunnerLanguage, number>();
  private readonly waiters = new Map<RunnerLanguage, Waiter[]>();
  private readonly failures = new Map<RunnerLanguage, number>();
  private readonly preloading = new Map<RunnerLanguage, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly opts: PoolOptions,
  ) {
    for (const language of opts.languages) {
      this.ready.set(language, []);
      this.starting.set(language, 0);
      this.waiters.set(language, []);
      this.failures.set(language, 0);
    }
  }

  /** Starts filling every language's pool in the background. */
  start(): void {
    for (const language of this.opts.languages) this.fill(language);
  }

  /** Counts per language, for health and tests. */
  stats(): Record<string, { ready: number; starting: number; waiting: number }> {
    return Object.fromEntries(
      this.opts.languages.map((l) => [
        l,
        {
          ready: this.list(this.ready, l).length,
          starting: this.starting.get(l) ?? 0,
          waiting: this.list(this.waiters, l).length,
        },
      ]),
    );
  }

  /** Resolves once every language holds `size` ready sandboxes (tests and benchmarks). */
  async warm(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.opts.languages.some((l) => this.list(this.ready, l).length < this.opts.size)) {
      if (Date.now() > deadline) throw new Error("the sandbox pool did not fill in time");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * A ready sandbox, the caller's from now on: destroyed after one run (its replacement then starts), or
   * adopted by a session (`refill: "now"`, since it will not come back soon).
   */
  acquire(
    language: RunnerLanguage,
    signal?: AbortSignal,
    refill: "now" | "after-run" = "after-run",
    prefer: Preference = "any",
  ): Promise<WarmSandbox> {
    if (this.stopped) return Promise.reject(new Error("the sandbox pool is stopped"));
    const ready = this.list(this.ready, language);
    // The preferred kind when in stock, else whatever is: waiting would cost more than the other kind does.
    const index = Math.max(
      0,
      ready.findIndex((s) => prefer === "any" || s.preloaded === (prefer === "preloaded")),
    );
    const sandbox = ready.splice(index, 1)[0];
    if (sandbox) {
      // Its replacement starts once this run is over (see spawn), so docker create/start and the preload do
      // not compete with the run for CPU. A request finding the pool empty waits and starts one at once.
      if (refill === "now") this.fill(language);
      return Promise.resolve(sandbox);
    }
    return new Promise<WarmSandbox>((resolve, reject) => {
      const waiters = this.list(this.waiters, language);
      const timer = setTimeout(
        () => drop(new Error("no warm sandbox became available in time")),
        this.opts.acquireTimeoutMs ?? 120_000,
      );
      const drop = (error: Error) => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        clearTimeout(timer);
        reject(error);
      };
      const waiter: Waiter = {
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: drop,
      };
      waiters.push(waiter);
      signal?.addEventListener("abort", () => drop(new Error("aborted while waiting for a sandbox")), { once: true });
      this.fill(language);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    for (const language of this.opts.languages) {
      for (const waiter of this.list(this.waiters, language).splice(0))
        waiter.reject(new Error("the sandbox pool is stopped"));
    }
    const idle = this.opts.languages.flatMap((l) => this.list(this.ready, l).splice(0));
    await Promise.all(idle.map((s) => s.destroy()));
    // Sandboxes still starting destroy themselves when they come up (see spawn).
    while (this.opts.languages.some((l) => (this.starting.get(l) ?? 0) > 0)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private list<T>(map: Map<RunnerLanguage, T[]>, language: RunnerLanguage): T[] {
    const found = map.get(language);
    if (!found) throw new Error(`language ${language} has no pool`);
    return found;
  }

  /** Ready sandboxes with their heavy modules, and those importing them now. */
  private preloadedCount(language: RunnerLanguage): number {
    const ready = this.list(this.ready, language).filter((s) => s.preloaded).length;
    return ready + (this.preloading.get(language) ?? 0);
  }

  private fill(language: RunnerLanguage): void {
    if (this.stopped) return;
    const starting = this.starting.get(language) ?? 0;
    const wanted =
      this.opts.size + this.list(this.waiters, language).length - this.list(this.ready, language).length - starting;
    for (let i = 0; i < wanted; i++) void this.spawn(language);
  }

  private async spawn(language: RunnerLanguage): Promise<void> {
    this.starting.set(language, (this.starting.get(language) ?? 0) + 1);
    let sandbox: WarmSandbox;
    try {
      sandbox = await WarmSandbox.start(this.docker, {
        language,
        labels: { [modeLabel]: "pool" },
        logger: this.opts.logger,
      });
    } catch (error) {
      this.starting.set(language, (this.starting.get(language) ?? 1) - 1);
      runnerErrors.inc({ kind: "sandbox_start" });
      const failures = (this.failures.get(language) ?? 0) + 1;
      this.failures.set(language, failures);
      this.opts.logger?.error({ err: error, language, failures }, "warm sandbox failed to start");
      // Fail fast for whoever waits when starts keep failing, rather than letting them time out.
      if (failures >= 3)
        this.list(this.waiters, language)
          .shift()
          ?.reject(error as Error);
      const timer = setTimeout(
        () => {
          this.retryTimers.delete(timer);
          this.fill(language);
        },
        Math.min(maxBackoffMs, 250 * 2 ** failures),
      );
      this.retryTimers.add(timer);
      return;
    }
    this.failures.set(language, 0);
    // Ready as soon as its runtime is up: a run waiting for a sandbox takes it at once, without the heavy
    // modules (a program that imports pandas then imports it itself). Nobody waiting: it preloads them now, so
    // the pool's stock serves pandas at no cost. It is never used yet, so the warm-up CPUs are safe meanwhile.
    if (
      !this.stopped &&
      !sandbox.preloaded &&
      this.list(this.waiters, language).length === 0 &&
      this.preloadedCount(language) < Math.ceil(this.opts.size / 2)
    ) {
      this.preloading.set(language, (this.preloading.get(language) ?? 0) + 1);
      await sandbox.preload(sandbox.lazy, true).catch((error) => {
        this.opts.logger?.warn({ err: error, language }, "warm sandbox failed to preload");
      });
      this.preloading.set(language, (this.preloading.get(language) ?? 1) - 1);
      if (!sandbox.reusable || sandbox.state !== "ready") {
        await sandbox.destroy();
        this.starting.set(language, (this.starting.get(language) ?? 1) - 1);
        runnerErrors.inc({ kind: "sandbox_start" });
        this.fill(language);
        return;
      }
    }
    if (this.stopped) {
      await sandbox.destroy();
      this.starting.set(language, (this.starting.get(language) ?? 1) - 1);
      return;
    }
    this.starting.set(language, (this.starting.get(language) ?? 1) - 1);
    // Whenever this sandbox dies (destroyed after its run, or killed while idle), the pool refills.
    const ready = this.list(this.ready, language);
    sandbox.onDeath(() => {
      const index = ready.indexOf(sandbox);
      if (index >= 0) {
        ready.splice(index, 1);
        void sandbox.destroy();
      }
      this.fill(language);
    });
    const waiter = this.list(this.waiters, language).shift();
    if (waiter) {
      waiter.resolve(sandbox);
      return;
    }
    ready.push(sandbox);
  }
}
