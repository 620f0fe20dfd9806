// Routes each run to a sandbox: a one-shot sandbox from the warm pool, or the user's own session sandbox.
// Tracks runs in flight (for cancel and shutdown) and container removals still under way.
import { setMaxListeners } from "node:events";
import type { Logger } from "pino";
import { type RunnerLanguage, type RunRequest, type RunResult, runnerLanguages } from "./contract";
import type { Docker } from "./docker";
import type { LiveRegistry, LiveRun } from "./live/registry";
import { SandboxPool } from "./pool";
import { markRetriable } from "./retriable";
import { cancelledResult, internalErrorResult, mayUseHeavyModules } from "./run-results";
import type { WarmSandbox } from "./sandbox";
import { SessionManager } from "./sessions";

export interface EngineOptions {
  poolSize: number;
  sessionIdleMs: number;
  /** A guest's session sandbox idles out after this (RUNNER_GUEST_IDLE_MS); default sessionIdleMs. */
  guestSessionIdleMs?: number;
  maxSessions: number;
  languages?: readonly RunnerLanguage[];
  logger?: Logger;
  /** Live views of runs (the WebSocket route reads them); none without it. */
  live?: LiveRegistry;
  /** Wall limit of interactive runs (RUNNER_INTERACTIVE_WALL_MS). */
  interactiveWallMs?: number;
}

export const cancelledReason = "cancelled";

export class Engine {
  readonly pool: SandboxPool;
  readonly sessions: SessionManager;
  private readonly inFlight = new Map<string, Set<AbortController>>();
  private readonly removals = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  constructor(
    docker: Docker,
    private readonly opts: EngineOptions,
  ) {
    // Every run in flight listens for the shutdown (and removes its listener when done): many at once is normal.
    setMaxListeners(0, this.shutdown.signal);
    const languages = opts.languages ?? runnerLanguages;
    this.pool = new SandboxPool(docker, { size: opts.poolSize, languages, logger: opts.logger });
    this.sessions = new SessionManager({
      idleMs: opts.sessionIdleMs,
      guestIdleMs: opts.guestSessionIdleMs,
      max: opts.maxSessions,
      // A new session adopts a warm one-shot sandbox: never used, so nothing of anyone else's is in it.
      // Bare when one is in stock: the session imports heavy modules only once one of its programs used them.
      take: (language, signal) => this.pool.acquire(language, signal, "now", "bare"),
      dispose: (sandbox) => this.dispose(sandbox),
      logger: opts.logger,
    });
  }

  start(): void {
    this.pool.start();
    this.sessions.start();
  }

  /**
   * Runs one validated request. Sandbox failures answer internal_error; the only throw is MissingContentError,
   * for a workspace run whose sandbox lacks some content (nothing ran).
   */
  async run(request: RunRequest, logger?: Logger): Promise<RunResult> {
    const controller = new AbortController();
    const stopOnShutdown = () => controller.abort("shutdown");
    this.shutdown.signal.addEventListener("abort", stopOnShutdown, { once: true });
    const runs = this.inFlight.get(request.id) ?? new Set<AbortController>();
    this.inFlight.set(request.id, runs);
    runs.add(controller);
    const log = logger ?? this.opts.logger;
    const live = this.opts.live?.begin(request.id, request.viewer ?? request.session?.userId);
    try {
      const result = await this.runIn(request, controller.signal, log, live);
      live?.end(result);
      // A run the shutdown stopped did not get a real outcome: the next runner may run that id again.
      return this.shutdown.signal.aborted ? markRetriable(result) : result;
    } catch (error) {
      live?.retract();
      throw error;
    } finally {
      this.shutdown.signal.removeEventListener("abort", stopOnShutdown);
      runs.delete(controller);
      if (runs.size === 0) this.inFlight.delete(request.id);
    }
  }

  private async runIn(
    request: RunRequest,
    signal: AbortSignal,
    log: Logger | undefined,
    live: LiveRun | undefined,
  ): Promise<RunResult> {
    const runOpts = { logger: log, signal, live, interactiveWallMs: this.opts.interactiveWallMs };
    if (request.session) return await this.sessions.run(request.session.userId, request, runOpts);
    let sandbox: WarmSandbox;
    try {
      sandbox = await this.pool.acquire(
        request.language,
        signal,
        "after-run",
        mayUseHeavyModules(request) ? "preloaded" : "bare",
      );
    } catch (error) {
      if (signal.reason === cancelledReason) return cancelledResult(request);
      log?.error({ err: error }, "no sandbox for this run");
      return markRetriable(internalErrorResult(request, signal.aborted ? "the run was stopped" : undefined));
    }
    try {
      return await sandbox.run(request, runOpts);
    } finally {
      this.dispose(sandbox);
    }
  }

  /** Stops the runs in flight for this execution id; false when there are none. */
  cancel(executionId: string): boolean {
    const runs = this.inFlight.get(executionId);
    if (!runs || runs.size === 0) return false;
    for (const controller of runs) controller.abort(cancelledReason);
    return true;
  }

  get runsInFlight(): number {
    let count = 0;
    for (const runs of this.inFlight.values()) count += runs.size;
    return count;
  }

  /** Removes a used sandbox in the background; the answer does not wait for docker rm. */
  dispose(sandbox: WarmSandbox): void {
    const removal = sandbox.destroy().finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }

  /** Resolves once every background removal has finished. */
  async settled(): Promise<void> {
    while (this.removals.size > 0) await Promise.allSettled([...this.removals]);
  }

  /** Kills the runs in flight (they answer internal_error), then removes every sandbox. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await Promise.all([this.pool.stop(), this.sessions.stop()]);
    await this.settled();
  }
}
