// Hostile-code harness: each program runs in a real warm sandbox next to a benign run of the same language.
// runProgram already checks that the sandbox's container and every process of it are gone afterwards.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { RunnerLanguage, RunResult } from "../contract";
import {
  ownContainers,
  type ProgramFiles,
  type RunExtras,
  releaseTestPool,
  roomyWallMs,
  runInSession,
  runProgram,
} from "../testing";

const benign: Record<RunnerLanguage, string> = {
  python: "print('benign', sum(range(10)))",
  javascript: "console.log('benign', 45)",
};

/**
 * Runs a hostile program in a fresh one-shot sandbox (whose container and processes must be gone afterwards)
 * and, started alongside it, a benign program in a test user's session sandbox that must finish normally.
 */
export async function contain(
  language: RunnerLanguage,
  files: ProgramFiles,
  extra: RunExtras = {},
): Promise<RunResult> {
  const limits = { wallMs: roomyWallMs, ...extra.limits };
  const [hostile, bystander] = await Promise.all([
    runProgram(language, files, { ...extra, limits }),
    runInSession(language, benign[language]),
  ]);
  expect(bystander).toMatchObject({ status: "ok", stdout: "benign 45\n", stderr: "" });
  return hostile;
}

export function lines(...source: string[]): string {
  return source.join("\n");
}

/** A listening port on the host's 127.0.0.1, like the runner's own API port. */
async function listenOnLoopback(): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.end("host secret"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** Secrets the runner process might hold; none may reach a sandbox. */
export const planted = {
  RUNNER_TOKEN: "runner-token-that-must-not-leak-0123456789",
  DATABASE_URL: "postgres://admin:hunter2@127.0.0.1:5432/prod",
};

/**
 * A hostile suite's hooks: before it, a port listening on the host's loopback and the planted secrets in the
 * runner's environment; after it, both undone and every sandbox of this file gone. Returns the port's getter.
 */
export function setUpHostileSuite(): () => number {
  let port = 0;
  let server: Server | undefined;
  beforeAll(async () => {
    ({ port, server } = await listenOnLoopback());
    for (const [name, value] of Object.entries(planted)) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    server?.close();
    await releaseTestPool();
    expect(await ownContainers()).toEqual([]);
  });
  return () => port;
}
