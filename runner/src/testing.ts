// Test support: the runner's tests use the real Docker engine and images, and fail loudly when they are not there.
import { readdir, readFile } from "node:fs/promises";
import { expect } from "vitest";
import { type RunnerLanguage, type RunRequest, type RunResult, runnerLanguages } from "./contract";
import { checkSandbox, createDocker, listRunnerContainers } from "./docker";
import { Engine } from "./engine";
import { languages } from "./languages";
import { SandboxPool } from "./pool";

export const docker = createDocker();
export const image = languages.python.image;

let ready: Promise<void> | undefined;

/** Throws with the command that fixes it when Docker is down or an image is not built. */
export function requireSandbox(): Promise<void> {
  ready ??= checkSandbox(docker).then((health) => {
    if (!health.ok)
      throw new Error(`runner tests need a running Docker engine and the sandbox images: ${health.reason}`);
  });
  return ready;
}

let counter = 0;
export function uniqueId(name: string): string {
  counter++;
  return `test-${process.pid}-${counter}-${name}`;
}

let pool: SandboxPool | undefined;

/** This test file's warm pool; a language's sandboxes start with its first run. */
export function testPool(): SandboxPool {
  // A busy CI machine may take over a minute to warm a sandbox (pandas preload at low CPU weight).
  pool ??= new SandboxPool(docker, { size: 2, languages: runnerLanguages, acquireTimeoutMs: 120_000 });
  return pool;
}

let engine: Engine | undefined;
let nextUser = 0;

/** This test file's engine for session runs: three test users, each with a sandbox reused across runs. */
function testEngine(): Engine {
  if (!engine) {
    engine = new Engine(docker, { poolSize: 0, sessionIdleMs: 600_000, maxSessions: 16 });
    engine.start();
  }
  return engine;
}

/** Stops this file's pool and engine and removes their sandboxes: call it in afterAll. */
export async function releaseTestPool(): Promise<void> {
  await Promise.all([pool?.stop(), engine?.stop()]);
  pool = undefined;
  engine = undefined;
}

/** Host processes still in a container's cgroup: none may outlive its removal. */
export async function processesOf(containerId: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cgroups = await readFile(`/proc/${pid}/cgroup`, "utf8").catch(() => "");
    if (cgroups.includes(containerId)) found.push(Number(pid));
  }
  return found;
}

export async function containerExists(id: string): Promise<boolean> {
  return docker
    .getContainer(id)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

export type ProgramFiles = RunRequest["files"] | string;
/**
 * Wall limit of a test run that does not set one: room for a busy CI machine several times slower than a quiet
 * one, so no test depends on a program starting within a tight limit.
 */
export const roomyWallMs = 15_000;
export type RunExtras = Partial<Pick<RunRequest, "stdin" | "limits">>;

/** Runs one program for real in a warm one-shot sandbox and checks its container is gone afterwards. */
export async function runProgram(
  language: RunnerLanguage,
  files: ProgramFiles,
  extra: RunExtras = {},
  signal?: AbortSignal,
): Promise<RunResult> {
  await requireSandbox();
  const id = uniqueId("run");
  const entry = languages[language].defaultEntry;
  const request: RunRequest = {
    id,
    language,
    files: typeof files === "string" ? [{ path: entry, content: files }] : files,
    ...extra,
  };
  const sandbox = await testPool().acquire(language);
  let result: RunResult;
  try {
    result = await sandbox.run(request, { signal });
  } finally {
    await sandbox.destroy();
  }
  expect(result.id).toBe(id);
  expect(await containerExists(sandbox.id)).toBe(false);
  expect(await processesOf(sandbox.id)).toEqual([]);
  return result;
}

/**
 * Runs one program in session mode: a test user's sandbox, reused across runs after the supervisor has
 * killed the last run's processes and emptied its scratch space. Cheaper than a fresh sandbox per run.
 */
export async function runInSession(language: RunnerLanguage, files: ProgramFiles, extra: RunExtras = {}) {
  await requireSandbox();
  const id = uniqueId("session");
  const entry = languages[language].defaultEntry;
  const result = await testEngine().run({
    id,
    language,
    files: typeof files === "string" ? [{ path: entry, content: files }] : files,
    session: { userId: `tester-${nextUser++ % 3}` },
    ...extra,
    limits: { wallMs: roomyWallMs, ...extra.limits },
  });
  expect(result.id).toBe(id);
  return result;
}

/** Runs one program in the named test user's session sandbox (see sessionContainer). */
export async function runAs(userId: string, language: RunnerLanguage, files: ProgramFiles, extra: RunExtras = {}) {
  await requireSandbox();
  const id = uniqueId("as");
  const result = await testEngine().run({
    id,
    language,
    files: typeof files === "string" ? [{ path: languages[language].defaultEntry, content: files }] : files,
    session: { userId },
    ...extra,
    limits: { wallMs: roomyWallMs, ...extra.limits },
  });
  expect(result.id).toBe(id);
  return result;
}

/** The container serving a test user's session, if one is up (one per user, whatever the language). */
export function sessionContainer(userId: string, _language?: RunnerLanguage): string | undefined {
  return testEngine().sessions.containerOf(userId);
}

export function runPython(files: ProgramFiles, extra: RunExtras = {}): Promise<RunResult> {
  return runInSession("python", files, extra);
}

export function runNode(files: ProgramFiles, extra: RunExtras = {}): Promise<RunResult> {
  return runInSession("javascript", files, extra);
}

export async function ownContainers() {
  return (await listRunnerContainers(docker)).filter((c) => c.ownerPid === process.pid);
}
