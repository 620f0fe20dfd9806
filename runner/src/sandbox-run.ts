// One program's run in a warm sandbox: send it to the supervisor, enforce the limits from the host (timers, the
// cgroup), collect its size-capped output and images, then turn what came back into the RunResult.
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { CgroupSample, ContainerCgroup } from "./cgroup";
import type { ResolvedLimits, RunImage, RunRequest, RunResult } from "./contract";
import type { Docker } from "./docker";
import { ExitReport, encodeMessage, type Frame, MissingReport, parseJsonFrame } from "./frames";
import { ImageCollector } from "./image-collector";
import { runMessage } from "./languages";
import type { LiveRun } from "./live/registry";
import { classify, describe, exitCodeOf, type KillReason, type RunEnd, signalName } from "./outcome";
import { CappedOutput } from "./output";
import { checkedMissing } from "./workspace-sync";

export interface RunOptions {
  logger?: Logger;
  /** Aborting stops the program; the run then answers internal_error (the runner is shutting down). */
  signal?: AbortSignal;
  /** The run's live view: gets its output as it arrives and, for interactive runs, feeds its stdin. */
  live?: LiveRun;
  /** Wall limit of an interactive run (RUNNER_INTERACTIVE_WALL_MS). */
  interactiveWallMs?: number;
}

export const defaultInteractiveWallMs = 120_000;

/**
 * Time the supervisor gets to stop a program and report before the container is killed instead: a few seconds,
 * since on a busy host killing and reaping a fork bomb takes a while, and a forced kill costs a session sandbox.
 */
const killGraceMs = 3_000;
/** Past the wall limit plus this, a run whose sandbox never answered counts as an internal error. */
const answerGraceMs = 10_000;
const pollMs = 25;
export const abortedMessage = "internal error: the runner shut down during this run";

/** What a run needs of its WarmSandbox: the supervisor's stream, the cgroup, and hooks into its state. */
export interface RunHost {
  readonly container: Docker.Container;
  readonly stream: Duplex | undefined;
  readonly cgroup: ContainerCgroup | undefined;
  readonly deathHandlers: Set<() => void>;
  isDead(): boolean;
  /** Where the supervisor's frames go while the run lasts (null: none expected). */
  setFrameHandler(handler: ((frame: Frame) => void) | null): void;
  /** The sandbox must not serve another run. */
  markUnreusable(): void;
  kill(): Promise<void>;
  /** The supervisor broke the protocol: the sandbox is stopped. */
  fail(message: string): void;
  /** Lazy modules the program imported (the X frame's `wants`). */
  want(modules: readonly string[]): void;
}

export interface Collected {
  /** A workspace run that did not start: the paths whose content the sandbox lacks. */
  missing?: string[];
  report: ExitReport | null;
  failure: string | null;
  killReason: KillReason | null;
  stdout: CappedOutput;
  stderr: CappedOutput;
  images: RunImage[];
  wallMs: number;
  polledMemoryBytes: number;
}

/** Sends the program to the supervisor and collects what comes back until its exit report, a kill or a death. */
export function executeRun(
  host: RunHost,
  request: RunRequest,
  limits: ResolvedLimits,
  cpuBefore: number | undefined,
  opts: RunOptions,
): Promise<Collected> {
  const { signal, live } = opts;
  return new Promise((resolve) => {
    const stream = host.stream;
    const cgroup = host.cgroup;
    let killReason: KillReason | null = null;
    let settled = false;
    let polling = false;
    let polledMemoryBytes = 0;
    let killTimer: NodeJS.Timeout | undefined;
    const images = new ImageCollector();
    const stop = (reason: KillReason) => {
      if (settled) return;
      killReason ??= reason;
      if (killTimer) return;
      stream?.write(encodeMessage({ type: "kill" }));
      killTimer = setTimeout(() => {
        host.markUnreusable();
        void host.kill();
      }, killGraceMs);
    };
    const stdout = new CappedOutput(limits.outputBytes, () => stop("output_limit"));
    const stderr = new CappedOutput(limits.outputBytes, () => stop("output_limit"));
    const onAbort = () => stop(signal?.reason === "cancelled" ? "cancelled" : "aborted");
    const started = performance.now();

    const finish = (report: ExitReport | null, failure: string | null, missing?: string[]) => {
      if (settled) return;
      settled = true;
      live?.bindInput(null);
      clearTimeout(killTimer);
      clearTimeout(wallTimer);
      clearTimeout(answerTimer);
      clearInterval(poller);
      signal?.removeEventListener("abort", onAbort);
      host.setFrameHandler(null);
      host.deathHandlers.delete(onDeath);
      const wallMs = Math.round(performance.now() - started);
      resolve({
        missing,
        report,
        failure,
        killReason,
        stdout,
        stderr,
        images: images.list(),
        wallMs,
        polledMemoryBytes,
      });
    };
    const onDeath = () => finish(null, null);

    host.setFrameHandler((frame) => {
      if (frame.kind === "O") {
        const kept = stdout.add(frame.payload);
        live?.output("stdout", kept);
      } else if (frame.kind === "E") {
        const kept = stderr.add(frame.payload);
        live?.output("stderr", kept);
      } else if (frame.kind === "I") images.add(frame.payload);
      else if (frame.kind === "M") {
        const report = parseJsonFrame(frame.payload, MissingReport);
        const missing = report ? checkedMissing(request, report.missing) : [];
        if (missing.length === 0) {
          host.fail("malformed missing-content report");
          finish(null, "The sandbox sent a malformed answer.");
        } else finish(null, null, missing);
      } else if (frame.kind === "X") {
        const report = parseJsonFrame(frame.payload, ExitReport);
        if (!report) host.fail("malformed exit report");
        else if (report.dirty) host.markUnreusable();
        if (report && "wants" in report && report.wants) host.want(report.wants);
        finish(report, report ? null : "The sandbox sent a malformed answer.");
      } else {
        host.fail(`unexpected ${frame.kind} frame during a run`);
        finish(null, "The sandbox sent a malformed answer.");
      }
    });
    host.deathHandlers.add(onDeath);
    signal?.addEventListener("abort", onAbort, { once: true });

    const wallTimer = setTimeout(() => stop("timeout"), limits.wallMs);
    const answerTimer = setTimeout(() => {
      host.markUnreusable();
      void host.kill();
      finish(null, "The sandbox stopped answering.");
    }, limits.wallMs + answerGraceMs);
    const poller = setInterval(() => {
      if (polling || !cgroup || cpuBefore === undefined) return;
      polling = true;
      Promise.all([cgroup.cpuNs(), cgroup.memoryBytes()])
        .then(([cpuNs, memory]) => {
          polledMemoryBytes = Math.max(polledMemoryBytes, memory);
          if ((cpuNs - cpuBefore) / 1e6 > limits.cpuMs) stop("cpu_limit");
        })
        .catch(() => {})
        .finally(() => {
          polling = false;
        });
    }, pollMs);

    if (signal?.aborted) onAbort();
    if (host.isDead() || !stream) return finish(null, null);
    stream.write(encodeMessage(runMessage(request, limits)));
    live?.started(request.interactive === true, limits.wallMs);
    if (request.interactive) {
      live?.bindInput({
        write: (data) => stream.write(encodeMessage({ type: "stdin", data })),
        eof: () => stream.write(encodeMessage({ type: "eof" })),
      });
    }
  });
}

/** The RunResult of what a run collected, with its CPU, memory and OOM figures. */
export async function summarizeRun(
  host: RunHost,
  request: RunRequest,
  limits: ResolvedLimits,
  c: Collected,
  before: CgroupSample | undefined,
  peakReset: boolean,
): Promise<RunResult> {
  const after = await figures(host, before, peakReset, c.polledMemoryBytes);
  let failure = c.failure;
  if (c.report && "error" in c.report) failure = `The sandbox could not start this program: ${c.report.error}`;
  else if (!c.report && !failure && !after.oomKilled && !c.killReason) failure = "The sandbox stopped unexpectedly.";
  const end: RunEnd = {
    code: c.report && "code" in c.report ? c.report.code : null,
    signal: c.report && "signal" in c.report ? c.report.signal : null,
    oomKilled: after.oomKilled,
    killReason: c.killReason,
    failure,
  };
  const status = classify(end);
  const result: RunResult = {
    id: request.id,
    status,
    exitCode: status === "internal_error" ? null : exitCodeOf(end),
    signal: status === "runtime_error" ? signalName(end.signal) : null,
    stdout: c.stdout.text(),
    stderr: c.killReason === "aborted" ? abortedMessage : c.stderr.text(),
    truncated: c.stdout.overflowed || c.stderr.overflowed,
    wallMs: c.wallMs,
    message: describe(status, end, limits),
  };
  if (after.cpuMs !== undefined) result.cpuMs = after.cpuMs;
  if (after.memoryKib !== undefined) result.memoryKib = after.memoryKib;
  if (c.images.length > 0) result.images = c.images;
  return result;
}

/** CPU, memory and OOM figures from the cgroup; Docker's OOMKilled flag when the cgroup is already gone. */
async function figures(
  host: RunHost,
  before: CgroupSample | undefined,
  peakReset: boolean,
  polledMemoryBytes: number,
): Promise<{ cpuMs?: number; memoryKib?: number; oomKilled: boolean }> {
  const cgroup = host.cgroup;
  if (cgroup && before && !host.isDead()) {
    try {
      const [cpuNs, peak, oomKills] = await Promise.all([
        cgroup.cpuNs(),
        peakReset ? cgroup.peakBytes() : Promise.resolve(0),
        cgroup.oomKills(),
      ]);
      const peakBytes = Math.max(peak, polledMemoryBytes);
      return {
        cpuMs: Math.max(0, Math.round((cpuNs - before.cpuNs) / 1e6)),
        memoryKib: Math.max(0, Math.round((peakBytes - before.memoryBytes) / 1024)),
        oomKilled: oomKills > before.oomKills,
      };
    } catch {
      // The container died meanwhile: fall through to Docker's own record.
    }
  }
  const state = await host.container.inspect().then(
    (info) => info.State,
    () => undefined,
  );
  return { oomKilled: state?.OOMKilled === true };
}
