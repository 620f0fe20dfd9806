// A warm sandbox: one hardened container whose supervisor has started and preloaded its runtime, ready to
// run a program the moment a request arrives. Limits and figures come from the host (timers, the cgroup);
// what the supervisor sends is size-capped and parsed defensively.
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { ContainerCgroup } from "./cgroup";
import {
  limitDefaults,
  maxImageBytes,
  maxImages,
  maxImagesTotalBytes,
  type ResolvedLimits,
  type RunImage,
  type RunRequest,
  type RunResult,
  resolveLimits,
} from "./contract";
import {
  containerSpec,
  cpuQuotaUs,
  type Docker,
  memoryBytes,
  removeContainer,
  runCpuShares,
  warmupCpuShares,
} from "./docker";
import {
  ExitReport,
  encodeMessage,
  type Frame,
  FrameParser,
  isPng,
  MissingReport,
  PreloadReport,
  parseJsonFrame,
  ReadyReport,
} from "./frames";
import { languages, runMessage } from "./languages";
import type { LiveRun } from "./live/registry";
import { sandboxStartSeconds } from "./metrics";
import { classify, describe, exitCodeOf, type KillReason, type RunEnd, signalName } from "./outcome";
import { CappedOutput } from "./output";
import { markRetriable } from "./retriable";
import { checkedMissing, MissingContentError } from "./workspace-sync";

export interface StartOptions {
  language: RunRequest["language"];
  /** The program's memory limit the container starts with; a run asking for another updates it. */
  memoryMb?: number;
  labels?: Record<string, string>;
  logger?: Logger;
  image?: string;
  signal?: AbortSignal;
}

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

/** Preloading pandas at low CPU weight on a busy shared host can take a minute; a sandbox that needs more is sick. */
const readyTimeoutMs = 120_000;
/** CPUs of a sandbox while it starts and, never used yet, preloads: nothing of a learner's runs there yet. */
const warmupCpus = 2;
/**
 * Time the supervisor gets to stop a program and report before the container is killed instead: a few seconds,
 * since on a busy host killing and reaping a fork bomb takes a while, and a forced kill costs a session sandbox.
 */
const killGraceMs = 3_000;
/** Past the wall limit plus this, a run whose sandbox never answered counts as an internal error. */
const answerGraceMs = 10_000;
const pollMs = 25;
const abortedMessage = "internal error: the runner shut down during this run";

type State = "starting" | "ready" | "busy" | "dead";

interface Collected {
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

export class WarmSandbox {
  state: State = "starting";
  runs = 0;
  /** False once the sandbox must not serve another run (protocol error, leftovers, forced kill). */
  reusable = true;
  /** Heavy modules the supervisor may import lazily (preload), and those it holds now. */
  lazy: readonly string[] = [];
  private readonly loaded = new Set<string>();
  /** Lazy modules the last run imported that the supervisor lacks: its session preloads them next. */
  wants: readonly string[] = [];
  private stream?: Duplex;
  private cgroup?: ContainerCgroup;
  private frameHandler: ((frame: Frame) => void) | null = null;
  private readonly deathHandlers = new Set<() => void>();
  private readonly diagnostics = new CappedOutput(8 * 1024, () => {});

  private constructor(
    private readonly docker: Docker,
    readonly container: Docker.Container,
    readonly language: RunRequest["language"],
    private memoryMb: number,
    private readonly log?: Logger,
  ) {}

  /** Creates, starts and waits for the supervisor's ready frame; removes the container if any step fails. */
  static async start(docker: Docker, opts: StartOptions): Promise<WarmSandbox> {
    const memoryMb = opts.memoryMb ?? limitDefaults.memoryMb;
    const spec = containerSpec({
      language: opts.language,
      memoryMb,
      // Created at its run share: starting Python costs a few ms of CPU now that the heavy modules come later
      // (with warm-up CPUs then, see preload), and no `docker update` is on the way to ready.
      warmupCpus: languages[opts.language].cpus,
      labels: opts.labels ?? {},
      image: opts.image,
    });
    spec.HostConfig = { ...spec.HostConfig, CpuShares: runCpuShares };
    const endTimer = sandboxStartSeconds.startTimer({ language: opts.language });
    const container = await docker.createContainer(spec);
    const sandbox = new WarmSandbox(docker, container, opts.language, memoryMb, opts.logger);
    try {
      await sandbox.boot(opts.signal);
      endTimer();
      return sandbox;
    } catch (error) {
      await sandbox.destroy();
      throw error;
    }
  }

  get id(): string {
    return this.container.id;
  }

  /** Resolves once the container is gone or has stopped. */
  onDeath(handler: () => void): void {
    if (this.state === "dead") handler();
    else this.deathHandlers.add(handler);
  }

  private async boot(signal?: AbortSignal): Promise<void> {
    const stream = (await this.container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as Duplex;
    this.stream = stream;
    stream.on("error", (error) => this.log?.debug({ err: error }, "attach stream error"));
    const parser = new FrameParser(
      (frame) => this.onFrame(frame),
      (error) => this.fail(error.message),
    );
    this.docker.modem.demuxStream(stream, parser, this.diagnostics);
    stream.once("end", () => this.markDead());
    stream.once("close", () => this.markDead());

    const ready = new Promise<void>((resolve, reject) => {
      this.frameHandler = (frame) => {
        const report = frame.kind === "R" ? parseJsonFrame(frame.payload, ReadyReport) : null;
        if (!report) return reject(new Error(`sandbox sent a malformed ${frame.kind} frame before it was ready`));
        this.lazy = report.lazy;
        for (const name of report.preloaded) this.loaded.add(name);
        resolve();
      };
      this.deathHandlers.add(() => reject(new Error(`sandbox exited while starting: ${this.diagnostics.text()}`)));
      signal?.addEventListener("abort", () => reject(new Error("aborted while starting")), { once: true });
      setTimeout(() => reject(new Error("sandbox did not become ready in time")), readyTimeoutMs).unref();
    });
    ready.catch(() => {});
    if (signal?.aborted) throw new Error("aborted while starting");
    await this.container.start();
    await ready;
    this.frameHandler = null;
    this.cgroup = await ContainerCgroup.find(this.container.id);
    if (!this.cgroup) this.log?.warn({ containerId: this.id }, "container cgroup not found: no CPU or memory figures");
    // From here on the learner's code may run: it was created at the language's CPU share (above).
    const quota = cpuQuotaUs(languages[this.language].cpus);
    // Burst (at most one quota, the kernel's bound): a run of a few ms of CPU is not cut into 5 ms slices.
    this.cgroup?.setCpuBurst(quota);
    if (this.state === "starting") this.state = "ready";
    else throw new Error("sandbox exited while starting");
  }

  /** True when every lazy module is loaded (always for a supervisor without any). */
  get preloaded(): boolean {
    return this.lazy.every((name) => this.loaded.has(name));
  }

  /**
   * Imports lazy modules into the supervisor (all of them by default), between runs: a run waits until it is
   * over. `boost` gives a never-used sandbox its warm-up CPUs meanwhile and lowers them again afterwards; never
   * for a sandbox a learner's code ran in (a terminal's processes may still be there).
   */
  async preload(modules: readonly string[] = this.lazy, boost = false): Promise<void> {
    const wanted = modules.filter((name) => this.lazy.includes(name) && !this.loaded.has(name));
    if (wanted.length === 0) return;
    if (this.state !== "ready") throw new Error(`sandbox is ${this.state}, not ready`);
    this.state = "busy";
    try {
      if (boost) await this.container.update({ CpuQuota: cpuQuotaUs(warmupCpus), CpuShares: warmupCpuShares });
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          this.frameHandler = null;
          this.deathHandlers.delete(onDeath);
          if (error) reject(error);
          else resolve();
        };
        const onDeath = () => done(new Error("sandbox exited while preloading"));
        const timer = setTimeout(() => {
          this.reusable = false;
          void this.kill();
          done(new Error("sandbox did not finish preloading in time"));
        }, readyTimeoutMs);
        this.frameHandler = (frame) => {
          const report = frame.kind === "P" ? parseJsonFrame(frame.payload, PreloadReport) : null;
          if (!report) {
            this.fail(`unexpected ${frame.kind} frame while preloading`);
            return done(new Error("the sandbox sent a malformed answer"));
          }
          for (const name of report.preloaded) if (this.lazy.includes(name)) this.loaded.add(name);
          done();
        };
        this.deathHandlers.add(onDeath);
        if (this.state === "dead" || !this.stream) return done(new Error("sandbox is gone"));
        this.stream.write(encodeMessage({ type: "preload", modules: wanted }));
      });
      this.wants = this.wants.filter((name) => !this.loaded.has(name));
    } finally {
      if (boost) {
        const quota = cpuQuotaUs(languages[this.language].cpus);
        // A sandbox that cannot be lowered to its run share again must not run anything.
        await this.container.update({ CpuQuota: quota, CpuShares: runCpuShares }).catch(() => {
          this.reusable = false;
        });
      }
      if (this.state === "busy") this.state = this.reusable ? "ready" : "dead";
    }
  }

  private onFrame(frame: Frame): void {
    if (this.frameHandler) this.frameHandler(frame);
    else this.fail(`unexpected ${frame.kind} frame outside a run`);
  }

  private markDead(): void {
    if (this.state === "dead") return;
    this.state = "dead";
    this.reusable = false;
    for (const handler of this.deathHandlers) handler();
    this.deathHandlers.clear();
  }

  /** A sandbox that broke the protocol is stopped; its owner removes it. */
  private fail(message: string): void {
    this.log?.warn({ containerId: this.id, reason: message }, "sandbox failed");
    this.reusable = false;
    void this.kill();
  }

  private async kill(): Promise<void> {
    await this.container.kill({ signal: "SIGKILL" }).catch(() => {});
  }

  async destroy(): Promise<void> {
    this.reusable = false;
    this.stream?.destroy();
    await removeContainer(this.container, this.log);
    this.markDead();
  }

  /** Runs one program. The sandbox stays usable afterwards only if `reusable` is still true. */
  async run(request: RunRequest, opts: RunOptions = {}): Promise<RunResult> {
    if (this.state === "ready" && !this.preloaded && mayUseHeavyModules(request)) {
      // A program that names pandas in a sandbox without it: the supervisor imports it first, outside the run's
      // wall clock and CPU figures, with the warm-up CPUs when nothing of a learner's ran here yet (else at the
      // run share). The child would otherwise import it at half a CPU on the learner's time.
      await this.preload(this.lazy, this.runs === 0).catch((error) =>
        (opts.logger ?? this.log)?.warn({ err: error, containerId: this.id }, "preload before a run failed"),
      );
      // Nothing of the program ran: another sandbox may run it.
      if (this.state !== "ready") return markRetriable(internalErrorResult(request));
    }
    if (this.state !== "ready") throw new Error(`sandbox is ${this.state}, not ready`);
    this.state = "busy";
    this.runs++;
    const limits = resolveLimits(request.limits);
    // Waiting for a person to type: a longer wall clock, the same CPU limit (resolved above from the short one).
    if (request.interactive) limits.wallMs = opts.interactiveWallMs ?? defaultInteractiveWallMs;
    const log = opts.logger ?? this.log;
    try {
      if (limits.memoryMb !== this.memoryMb) {
        const bytes = memoryBytes(this.language, limits.memoryMb);
        await this.container.update({ Memory: bytes, MemorySwap: bytes });
        this.memoryMb = limits.memoryMb;
      }
      const before = this.cgroup ? await this.cgroup.sample() : undefined;
      const peakReset = this.cgroup ? await this.cgroup.resetPeak() : false;
      const collected = await this.execute(request, limits, before?.cpuNs, opts);
      if (collected.missing) throw new MissingContentError(collected.missing);
      return await this.summarize(request, limits, collected, before, peakReset);
    } catch (error) {
      if (error instanceof MissingContentError) throw error;
      log?.error({ err: error, containerId: this.id }, "sandbox run failed");
      this.reusable = false;
      return internalErrorResult(request, opts.signal?.aborted ? abortedMessage : undefined);
    } finally {
      if (this.state === "busy") this.state = this.reusable ? "ready" : "dead";
    }
  }

  private execute(
    request: RunRequest,
    limits: ResolvedLimits,
    cpuBefore: number | undefined,
    opts: RunOptions,
  ): Promise<Collected> {
    const { signal, live } = opts;
    return new Promise((resolve) => {
      const stream = this.stream;
      const cgroup = this.cgroup;
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
          this.reusable = false;
          void this.kill();
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
        this.frameHandler = null;
        this.deathHandlers.delete(onDeath);
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

      this.frameHandler = (frame) => {
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
            this.fail("malformed missing-content report");
            finish(null, "The sandbox sent a malformed answer.");
          } else finish(null, null, missing);
        } else if (frame.kind === "X") {
          const report = parseJsonFrame(frame.payload, ExitReport);
          if (!report) this.fail("malformed exit report");
          else if (report.dirty) this.reusable = false;
          if (report && "wants" in report && report.wants)
            this.wants = report.wants.filter((name) => this.lazy.includes(name) && !this.loaded.has(name));
          finish(report, report ? null : "The sandbox sent a malformed answer.");
        } else {
          this.fail(`unexpected ${frame.kind} frame during a run`);
          finish(null, "The sandbox sent a malformed answer.");
        }
      };
      this.deathHandlers.add(onDeath);
      signal?.addEventListener("abort", onAbort, { once: true });

      const wallTimer = setTimeout(() => stop("timeout"), limits.wallMs);
      const answerTimer = setTimeout(() => {
        this.reusable = false;
        void this.kill();
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
      if (this.state === "dead" || !stream) return finish(null, null);
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

  private async summarize(
    request: RunRequest,
    limits: ResolvedLimits,
    c: Collected,
    before: Awaited<ReturnType<ContainerCgroup["sample"]>> | undefined,
    peakReset: boolean,
  ): Promise<RunResult> {
    const after = await this.figures(before, peakReset, c.polledMemoryBytes);
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
  private async figures(
    before: Awaited<ReturnType<ContainerCgroup["sample"]>> | undefined,
    peakReset: boolean,
    polledMemoryBytes: number,
  ): Promise<{ cpuMs?: number; memoryKib?: number; oomKilled: boolean }> {
    if (this.cgroup && before && this.state !== "dead") {
      try {
        const [cpuNs, peak, oomKills] = await Promise.all([
          this.cgroup.cpuNs(),
          peakReset ? this.cgroup.peakBytes() : Promise.resolve(0),
          this.cgroup.oomKills(),
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
    const state = await this.container.inspect().then(
      (info) => info.State,
      () => undefined,
    );
    return { oomKilled: state?.OOMKilled === true };
  }
}

/** Keeps the PNGs a program drew, within the contract's caps; anything else is dropped. */
class ImageCollector {
  private readonly images: Buffer[] = [];
  private total = 0;

  add(bytes: Buffer): void {
    if (!isPng(bytes) || bytes.length > maxImageBytes || this.images.length >= maxImages) return;
    if (this.total + bytes.length > maxImagesTotalBytes) return;
    this.images.push(Buffer.from(bytes));
    this.total += bytes.length;
  }

  list(): RunImage[] {
    return this.images.map((bytes) => ({ mediaType: "image/png", data: bytes.toString("base64") }));
  }
}

/** A module a preloaded sandbox holds, named anywhere in a Python file: a hint, a false positive costs nothing. */
const heavyModule = /\b(?:numpy|pandas|matplotlib)\b/;

/** Whether a run had better find its sandbox's heavy modules preloaded. */
export function mayUseHeavyModules(request: RunRequest): boolean {
  if (request.language !== "python") return false;
  const contents = request.workspace
    ? request.workspace.files.map((f) => f.content ?? "")
    : (request.files ?? []).map((f) => f.content);
  return contents.some((content) => heavyModule.test(content));
}

export function internalErrorResult(request: RunRequest, message?: string): RunResult {
  return {
    id: request.id,
    status: "internal_error",
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: message ?? "internal error: the sandbox could not run this program",
    truncated: false,
    wallMs: 0,
    message: message ? "The run stopped because the runner shut down. Please run it again." : "The sandbox failed.",
  };
}

/** A run cancelled before its program started. */
export function cancelledResult(request: RunRequest): RunResult {
  return {
    id: request.id,
    status: "cancelled",
    exitCode: null,
    signal: null,
    stdout: "",
    stderr: "",
    truncated: false,
    wallMs: 0,
    message: "Stopped: the run was cancelled.",
  };
}
