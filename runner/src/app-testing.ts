// Test support for the HTTP app: an app over a real engine that counts the sandbox runs per id, and polling.
import pino from "pino";
import { type AppDeps, createApp } from "./app";
import { RunnerCapacity, type RunRequest } from "./contract";
import { checkSandbox } from "./docker";
import type { Engine } from "./engine";
import { docker, requireSandbox, uniqueId } from "./testing";

export const token = "test-token-0123456789abcdef";
export const auth = { authorization: `Bearer ${token}` };

export type TestApp = ReturnType<typeof createApp> & {
  /** Sandbox runs started per request id: what "at most once" is checked against. */
  runsOf: (id: string) => number;
};

export function makeApp(engine: Engine, opts: Partial<AppDeps> & { image?: string } = {}): TestApp {
  const runs = new Map<string, number>();
  const app = createApp({
    run: async (request, log) => {
      await requireSandbox();
      runs.set(request.id, (runs.get(request.id) ?? 0) + 1);
      return engine.run(request, log);
    },
    cancel: (id) => engine.cancel(id),
    checkHealth: () => checkSandbox(docker, opts.image ? [opts.image] : undefined),
    token,
    logger: pino({ level: "silent" }),
    maxConcurrent: 4,
    ...opts,
  });
  return Object.assign(app, { runsOf: (id: string) => runs.get(id) ?? 0 });
}

export function postJson(app: TestApp, path: string, body: unknown, headers: Record<string, string> = auth) {
  return app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function pythonRun(content: string, files?: RunRequest["files"]) {
  return { id: uniqueId("api"), language: "python" as const, files: files ?? [{ path: "main.py", content }] };
}

export async function capacityOf(app: TestApp): Promise<RunnerCapacity> {
  const res = await app.request("/v1/capacity", { headers: auth });
  if (res.status !== 200) throw new Error(`GET /v1/capacity answered ${res.status}`);
  return RunnerCapacity.parse(await res.json());
}

/** Polls until `check` holds; fails with `what` after `timeoutMs` (generous: the machine may be busy). */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
