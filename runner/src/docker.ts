// The runner's only use of dockerode: the hardened container spec, cleanup, and health checks.

import { randomUUID } from "node:crypto";
import { sandboxUser } from "@codeyard/sandbox";
import Docker from "dockerode";
import type { Logger } from "pino";
import type { RunnerLanguage } from "./contract";
import { languages } from "./languages";
import { seccompOption } from "./seccomp/seccomp";

export type { Docker };

export const runnerLabel = "codeyard.runner";
export const executionLabel = "codeyard.execution";
/** Pid of the runner process that created the container, so a restart can tell its leftovers from a live peer's. */
export const ownerLabel = "codeyard.runner.pid";
/** The runner instance that created the container: a start and a stop sweep only their own instance's. */
export const instanceLabel = "codeyard.runner.instance";

let instanceId: string = randomUUID();
/** This process's instance id (RUNNER_INSTANCE_ID, else random); set once at boot, before any sandbox starts. */
export function runnerInstance(id?: string): string {
  if (id !== undefined) instanceId = id;
  return instanceId;
}

const sandboxEnv = [
  "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  "HOME=/workspace",
  "LANG=C.UTF-8",
  "MPLBACKEND=Agg",
  "MPLCONFIGDIR=/tmp",
  "OPENBLAS_NUM_THREADS=1",
];
/** CFS period of 10 ms: short runs do not stall a whole 100 ms period at half a CPU. */
export const cpuPeriodUs = 10_000;
export const warmupCpuShares = 128;
export const runCpuShares = 1024;

export function createDocker(socketPath = "/var/run/docker.sock"): Docker {
  return new Docker({ socketPath });
}

export interface SpecOptions {
  language: RunnerLanguage;
  /** The program's memory limit; the language's preloaded runtime gets its share on top. */
  memoryMb: number;
  /** CPU share while warming up; the sandbox drops to the language's share before it runs anything. */
  warmupCpus: number;
  labels: Record<string, string>;
  image?: string;
}

export function memoryBytes(language: RunnerLanguage, memoryMb: number): number {
  return (memoryMb + languages[language].runtimeMemoryMb) * 1024 * 1024;
}

export function cpuQuotaUs(cpus: number): number {
  return Math.round(cpus * cpuPeriodUs);
}

export function containerSpec(opts: SpecOptions): Docker.ContainerCreateOptions {
  const language = languages[opts.language];
  const memory = memoryBytes(opts.language, opts.memoryMb);
  return {
    Image: opts.image ?? language.image,
    Env: sandboxEnv,
    Labels: { [runnerLabel]: "1", [ownerLabel]: String(process.pid), [instanceLabel]: instanceId, ...opts.labels },
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    // stdin stays open: it carries the supervisor's messages, not the program's input.
    StdinOnce: false,
    Tty: false,
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: "none",
      Memory: memory,
      MemorySwap: memory,
      CpuPeriod: cpuPeriodUs,
      CpuQuota: cpuQuotaUs(opts.warmupCpus),
      // Warming up yields to sandboxes running programs (WarmSandbox overrides both: see WarmSandbox.start).
      CpuShares: warmupCpuShares,
      PidsLimit: language.pids,
      ReadonlyRootfs: true,
      Tmpfs: {
        "/workspace": `rw,exec,nosuid,nodev,size=16m,nr_inodes=4096,uid=${sandboxUser.uid},gid=${sandboxUser.gid},mode=0700`,
        "/tmp": "rw,nosuid,nodev,size=16m,nr_inodes=4096",
      },
      CapDrop: ["ALL"],
      // Docker's default profile narrowed: socket families, io_uring, bpf, keyctl, ... (src/seccomp/README.md).
      SecurityOpt: ["no-new-privileges", seccompOption],
      IpcMode: "private",
      ShmSize: 16 * 1024 * 1024,
      // The image's supervisor is PID 1: it reaps orphans and, as namespace init, cannot be killed from inside.
      Init: false,
      Ulimits: [
        { Name: "nofile", Soft: 256, Hard: 256 },
        { Name: "core", Soft: 0, Hard: 0 },
      ],
      // Output reaches the runner over attach only; no copy of it is written to the host's disk.
      LogConfig: { Type: "none", Config: {} },
    },
    User: `${sandboxUser.uid}:${sandboxUser.gid}`,
    WorkingDir: "/workspace",
  };
}

export async function removeContainer(container: Docker.Container, log?: Logger): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    const statusCode = (error as { statusCode?: number }).statusCode;
    // 404: already gone; 409: removal already in progress (e.g. a shutdown sweep got there first).
    if (statusCode !== 404 && statusCode !== 409)
      log?.error({ err: error, containerId: container.id }, "container removal failed");
  }
}

export type SandboxHealth = { ok: true; image: string; images: string[] } | { ok: false; reason: string };

export function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(resolve, ms, value).unref());
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return Promise.race([promise, delay(ms, null).then(() => Promise.reject(new Error(message)))]);
}

/** Docker reachable and every sandbox image present, with a reason a person can act on when not. */
export async function checkSandbox(
  docker: Docker,
  images: string[] = Object.values(languages).map((l) => l.image),
): Promise<SandboxHealth> {
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
  for (const image of images) {
    try {
      await withTimeout(docker.getImage(image).inspect(), 3_000, "image inspect timed out");
    } catch {
      return { ok: false, reason: `sandbox image ${image} is missing: run \`pnpm sandbox:build\`` };
    }
  }
  return { ok: true, image: images[0] ?? "", images };
}

export interface RunnerContainer {
  id: string;
  executionId: string | undefined;
  ownerPid: number | undefined;
  instance: string | undefined;
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
      instance: c.Labels[instanceLabel],
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
