// A warm sandbox: one hardened container whose supervisor is up (heavy modules imported on demand, see preload),
// ready to run a program the moment a request arrives. Its lifecycle is here (start, preload, destroy); one run's
// limits, output and figures are in sandbox-run.ts. What the supervisor sends is parsed defensively.
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { ContainerCgroup } from "./cgroup";
import { limitDefaults, type RunRequest, type RunResult, resolveLimits } from "./contract";
import {
  containerSpec,
  cpuQuotaUs,
  type Docker,
  memoryBytes,
  removeContainer,
  runCpuShares,
  warmupCpuShares,
} from "./docker";
import { encodeMessage, type Frame, FrameParser, PreloadReport, parseJsonFrame, ReadyReport } from "./frames";
import { languages } from "./languages";
import { sandboxStartSeconds } from "./metrics";
import { CappedOutput } from "./output";
import { markRetriable } from "./retriable";
import { internalErrorResult, mayUseHeavyModules } from "./run-results";
import {
  abortedMessage,
  defaultInteractiveWallMs,
  executeRun,
  type RunHost,
  type RunOptions,
  summarizeRun,
} from "./sandbox-run";
import { MissingContentError } from "./workspace-sync";

export interface StartOptions {
  language: RunRequest["language"];
  /** The program's memory limit the container starts with; a run asking for another updates it. */
  memoryMb?: number;
  labels?: Record<string, string>;
  logger?: Logger;
  image?: string;
  signal?: AbortSignal;
}

/** Preloading pandas at low CPU weight on a busy shared host can take a minute; a sandbox that needs more is sick. */
const readyTimeoutMs = 120_000;
/** CPUs of a sandbox while it starts and, never used yet, preloads: nothing of a learner's runs there yet. */
const warmupCpus = 2;

type State = "starting" | "ready" | "busy" | "dead";

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

  /** The run path's view of this sandbox (sandbox-run.ts): its stream, cgroup and hooks into its state. */
  private runHost(): RunHost {
    return {
      container: this.container,
      stream: this.stream,
      cgroup: this.cgroup,
      deathHandlers: this.deathHandlers,
      isDead: () => this.state === "dead",
      setFrameHandler: (handler) => {
        this.frameHandler = handler;
      },
      markUnreusable: () => {
        this.reusable = false;
      },
      kill: () => this.kill(),
      fail: (message) => this.fail(message),
      want: (modules) => {
        this.wants = modules.filter((name) => this.lazy.includes(name) && !this.loaded.has(name));
      },
    };
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
      const host = this.runHost();
      const collected = await executeRun(host, request, limits, before?.cpuNs, opts);
      if (collected.missing) throw new MissingContentError(collected.missing);
      return await summarizeRun(host, request, limits, collected, before, peakReset);
    } catch (error) {
      if (error instanceof MissingContentError) throw error;
      log?.error({ err: error, containerId: this.id }, "sandbox run failed");
      this.reusable = false;
      return internalErrorResult(request, opts.signal?.aborted ? abortedMessage : undefined);
    } finally {
      if (this.state === "busy") this.state = this.reusable ? "ready" : "dead";
    }
  }
}
