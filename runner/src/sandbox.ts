// The only file that talks to Docker: one fresh hardened container per run, removed whatever happens.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import Docker from "dockerode";
import type { Logger } from "pino";
import { type ResolvedLimits, type RunRequest, type RunResult, resolveLimits } from "./contract";
import { bootPayload, languages } from "./languages";
import { classify, type KillReason, signalName } from "./outcome";
import { CappedOutput } from "./output";

export type { Docker };

export const runnerLabel = "codeyard.runner";
export const executionLabel = "codeyard.execution";
/** Pid of the runner process that created the container, so a restart can tell its leftovers from a live peer's. */
export const ownerLabel = "codeyard.runner.pid";

const sandboxEnv = [
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  "HOME=/workspace",
  "LANG=C.UTF-8",
  "PYTHONUNBUFFERED=1",
  "MPLBACKEND=Agg",
  "MPLCONFIGDIR=/tmp",
];
/** Extra time Docker gets past the wall limit to report an exit before the run counts as an internal error. */
const dockerGraceMs = 10_000;
const abortedMessage = "internal error: the runner shut down during this run";

export interface SandboxOptions {
  /** Image to run; the language table's image when unset. */
  image?: string;
  /** Already bound to the execution (the app adds executionId). */
  logger?: Logger;
  /** Aborting kills the program; the run then answers internal_error (the runner is shutting down). */
  signal?: AbortSignal;
}

export function createDocker(socketPath = "/var/run/docker.sock"): Docker {
  return new Docker({ socketPath });
}

function containerSpec(request: RunRequest, limits: ResolvedLimits, image: string): Docker.ContainerCreateOptions {
  const memory = limits.memoryMb * 1024 * 1024;
  return {
    Image: image,
    Env: sandboxEnv,
    Labels: { [runnerLabel]: "1", [executionLabel]: request.id, [ownerLabel]: String(process.pid) },
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // The program sees EOF once the runner has written all of its stdin.
    StdinOnce: true,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: "none",
      Memory: memory,
      MemorySwap: memory,
      // A 10 ms CFS period keeps short runs from stalling a whole 100 ms period at half a CPU.
      CpuPeriod: 10_000,
      CpuQuota: 5_000,
      PidsLimit: 64,
      ReadonlyRootfs: true,
      Tmpfs: {
        "/workspace": "rw,exec,size=16m,uid=1000,gid=1000,mode=0700",
        "/tmp": "rw,nosuid,nodev,size=16m",
      },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      IpcMode: "private",
      Init: true,
      Ulimits: [{ Name: "nofile", Soft: 256, Hard: 256 }],
      // Output reaches the runner over attach only; no copy of it is written to the host's disk.
      LogConfig: { Type: "none", Config: {} },
    },
    User: "1000:1000",
    WorkingDir: "/workspace",
  };
}

/**
 * Sends POST /wait?condition=next-exit and resolves `registered` once Docker answers the headers,
 * which it does only after the waiter is in place; a start issued after that cannot lose a fast exit.
 */
function waitForNextExit(docker: Docker, id: string): { registered: Promise<void>; exited: Promise<number> } {
  let onRegistered!: () => void;
  let onRegisterFailed!: (error: Error) => void;
  const registered = new Promise<void>((resolve, reject) => {
    onRegistered = resolve;
    onRegisterFailed = reject;
  });
  const exited = new Promise<number>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${id}/wait?`,
        method: "POST",
        isStream: true,
        statusCodes: { 200: true, 400: "bad parameter", 404: "no such container", 500: "server error" },
        options: { condition: "next-exit" },
      },
      (error, result) => {
        if (error) {
          onRegisterFailed(error);
          reject(error);
          return;
        }
        onRegistered();
        const response = result as IncomingMessage;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString()) as {
              StatusCode?: number;
              Error?: { Message?: string };
            };
            if (typeof body.StatusCode !== "number") throw new Error(body.Error?.Message ?? "wait returned no status");
            resolve(body.StatusCode);
          } catch (parseError) {
            reject(parseError);
          }
        });
      },
    );
  });
  // The caller may give up on either promise; neither may surface as an unhandled rejection.
  registered.catch(() => {});
  exited.catch(() => {});
  return { registered, exited };
}

function streamClosed(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.readableEnded) return resolve();
    stream.once("end", resolve);
    stream.once("close", resolve);
  });
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

/** Runs one program in a fresh container and always removes the container before answering. */
export async function runInSandbox(docker: Docker, request: RunRequest, opts: SandboxOptions = {}): Promise<RunResult> {
  const limits = resolveLimits(request.limits);
  const image = opts.image ?? languages[request.language].image;
  const log = opts.logger;
  let container: Docker.Container | undefined;
  let stream: Duplex | undefined;
  let wallTimer: NodeJS.Timeout | undefined;
  let killReason: KillReason | null = null;
  let startedAt = 0;
  let wallMs = 0;

  const kill = (reason: KillReason) => {
    killReason ??= reason;
    container?.kill({ signal: "SIGKILL" }).catch(() => {
      // Not started yet or already exited: nothing to stop.
    });
  };
  const stdout = new CappedOutput(limits.outputBytes, () => kill("output_limit"));
  const stderr = new CappedOutput(limits.outputBytes, () => kill("output_limit"));
  const abort = () => kill("aborted");
  opts.signal?.addEventListener("abort", abort, { once: true });

  try {
    container = await docker.createContainer(containerSpec(request, limits, image));
    if (opts.signal?.aborted) throw new Error("run aborted before start");
    stream = (await container.attach({
      stream: true,
      stdin: true,
      stdout: true,
      stderr: true,
      hijack: true,
    })) as Duplex;
    // Writing to a program that already exited fails with EPIPE; the exit code tells the story.
    stream.on("error", (error) => log?.debug({ err: error }, "attach stream error"));
    docker.modem.demuxStream(stream, stdout, stderr);
    const outputDone = streamClosed(stream);

    const wait = waitForNextExit(docker, container.id);
    await wait.registered;
    startedAt = performance.now();
    await container.start();
    // An abort that came while the container was still being set up could not kill it then.
    if (opts.signal?.aborted) kill("aborted");
    wallTimer = setTimeout(() => kill("timeout"), limits.wallMs);
    stream.end(bootPayload(request));

    const exitCode = await Promise.race([wait.exited, delay(limits.wallMs + dockerGraceMs, null)]);
    wallMs = Math.round(performance.now() - startedAt);
    clearTimeout(wallTimer);
    if (exitCode === null) throw new Error("Docker did not report the container's exit in time");
    // Output can trail the exit event by a moment; the cap bounds what may still arrive.
    await Promise.race([outputDone, delay(2_000, undefined)]);

    let state = (await container.inspect()).State;
    // The OOM event can land just after the exit event; give it one short chance rather than guess from 137.
    if (!state.OOMKilled && exitCode === 137 && !killReason) {
      await delay(100, undefined);
      state = (await container.inspect()).State;
    }
    const stderrText = stderr.text();
    const status = classify(exitCode, state.OOMKilled, killReason, stderrText);
    return {
      id: request.id,
      status,
      exitCode,
      signal: status === "runtime_error" ? signalName(exitCode) : null,
      stdout: stdout.text(),
      stderr: killReason === "aborted" ? abortedMessage : stderrText,
      truncated: stdout.overflowed || stderr.overflowed,
      wallMs,
    };
  } catch (error) {
    log?.error({ err: error }, "sandbox run failed");
    return {
      id: request.id,
      status: "internal_error",
      exitCode: null,
      signal: null,
      stdout: stdout.text(),
      stderr: opts.signal?.aborted ? abortedMessage : "internal error: the sandbox could not run this program",
      truncated: stdout.overflowed || stderr.overflowed,
      wallMs: startedAt ? Math.round(performance.now() - startedAt) : 0,
    };
  } finally {
    opts.signal?.removeEventListener("abort", abort);
    clearTimeout(wallTimer);
    stream?.destroy();
    if (container) await removeContainer(container, log);
  }
}

async function removeContainer(container: Docker.Container, log?: Logger): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    const statusCode = (error as { statusCode?: number }).statusCode;
    // 404: already gone; 409: removal already in progress (e.g. a shutdown sweep got there first).
    if (statusCode !== 404 && statusCode !== 409)
      log?.error({ err: error, containerId: container.id }, "container removal failed");
  }
}

export type SandboxHealth = { ok: true; image: string } | { ok: false; reason: string };

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([promise, delay(ms, null).then(() => Promise.reject(new Error(message)))]);
}

/** Docker reachable and the sandbox image present, with a reason a person can act on when not. */
export async function checkSandbox(docker: Docker, image: string): Promise<SandboxHealth> {
  try {
    await withTimeout(docker.ping(), 3_000, "ping timed out");
  } catch (error) {
    return {
      ok: false,
      reason:
        `Docker engine unreachable (${(error as Error).message}). Start it with ` +
        "`dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false >/var/log/dockerd.log 2>&1 &`",
    };
  }
  try {
    await withTimeout(docker.getImage(image).inspect(), 3_000, "image inspect timed out");
  } catch {
    return { ok: false, reason: `sandbox image ${image} is missing: run \`pnpm sandbox:build\`` };
  }
  return { ok: true, image };
}

export interface RunnerContainer {
  id: string;
  executionId: string | undefined;
  ownerPid: number | undefined;
  createdAt: Date;
}

/** Every container carrying the runner label, running or not. */
export async function listRunnerContainers(docker: Docker, executionId?: string): Promise<RunnerContainer[]> {
  const label = [`${runnerLabel}=1`];
  if (executionId !== undefined) label.push(`${executionLabel}=${executionId}`);
  const found = await docker.listContainers({ all: true, filters: { label } });
  return found.map((c) => {
    const owner = Number(c.Labels[ownerLabel]);
    return {
      id: c.Id,
      executionId: c.Labels[executionLabel],
      ownerPid: Number.isInteger(owner) && owner > 0 ? owner : undefined,
      createdAt: new Date(c.Created * 1000),
    };
  });
}

/** Force-removes the runner containers `select` picks; answers how many went. */
export async function removeRunnerContainers(
  docker: Docker,
  select: (container: RunnerContainer) => boolean,
  log?: Logger,
): Promise<number> {
  const doomed = (await listRunnerContainers(docker)).filter(select);
  await Promise.all(doomed.map((c) => removeContainer(docker.getContainer(c.id), log)));
  return doomed.length;
}
