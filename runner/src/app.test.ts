import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { RunResult } from "./contract";
import { checkSandbox } from "./docker";
import { Engine } from "./engine";
import { languages } from "./languages";
import { docker, image, ownContainers, requireSandbox, uniqueId } from "./testing";

const token = "test-token-0123456789abcdef";
const logger = pino({ level: "silent" });

const engine = new Engine(docker, { poolSize: 1, sessionIdleMs: 60_000, maxSessions: 4, languages: ["python"] });
engine.start();

function makeApp(opts: { maxConcurrent?: number; image?: string } = {}) {
  return createApp({
    run: async (request, log) => {
      await requireSandbox();
      return engine.run(request, log);
    },
    cancel: (id) => engine.cancel(id),
    checkHealth: () => checkSandbox(docker, opts.image ? [opts.image] : undefined),
    token,
    logger,
    maxConcurrent: opts.maxConcurrent ?? 4,
  });
}

const app = makeApp();

function post(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }, target = app) {
  return target.request("/v1/executions", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function pythonRun(content: string, files?: { path: string; content: string }[]) {
  return { id: uniqueId("api"), language: "python", files: files ?? [{ path: "main.py", content }] };
}

afterAll(async () => {
  await engine.stop();
  expect(await ownContainers()).toEqual([]);
});

describe("POST /v1/executions", () => {
  it.each([
    ["no authorization header", {}],
    ["a wrong token of the same length", { authorization: `Bearer ${"x".repeat(token.length)}` }],
    ["a wrong token of another length", { authorization: "Bearer short" }],
    ["another scheme", { authorization: `Basic ${token}` }],
  ])("answers 401 with %s", async (_name, headers) => {
    const res = await post(pythonRun("print(1)"), headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "missing or invalid bearer token" });
  });

  it.each([
    ["a parent segment", "../x", "must not contain empty, '.' or '..' segments"],
    ["an absolute path", "/etc/passwd", "file path must be relative"],
    ["a newline", "a\nb.py", "contains a NUL, newline or backslash"],
  ])("answers 400 for a path with %s", async (_name, path, message) => {
    const res = await post(pythonRun("", [{ path, content: "print(1)" }]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain("files.0.path");
    expect(body.error).toContain(message);
  });

  it("answers 400 for an unknown language and lists every issue", async () => {
    const res = await post({ ...pythonRun("print(1)"), language: "ruby", limits: { wallMs: 999_999 } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain("language: language must be one of: python, javascript");
    expect(error).toContain("limits.wallMs");
  });

  it("answers 400 for a body that is not JSON", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "request body is not valid JSON" });
  });

  it("runs a program and answers its RunResult, echoing the request id", async () => {
    const run = pythonRun("import sys\nprint(sys.stdin.read() * 2)");
    const res = await post({ ...run, stdin: "ab" }, { authorization: `Bearer ${token}`, "x-request-id": "req-123" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-123");
    const result = RunResult.parse(await res.json());
    expect(result).toMatchObject({ id: run.id, status: "ok", exitCode: 0, stdout: "abab\n", truncated: false });
  });

  it("answers 429 with Retry-After once the concurrency limit is reached", async () => {
    const busy = makeApp({ maxConcurrent: 1 });
    const slow = post(pythonRun("import time\ntime.sleep(1)\nprint('done')"), undefined, busy);
    // Let the first request pass validation and take the only slot.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rejected = await post(pythonRun("print(2)"), undefined, busy);
    expect(rejected.status).toBe(429);
    expect(rejected.headers.get("retry-after")).toBe("1");
    expect(((await rejected.json()) as { error: string }).error).toContain("busy");

    const first = await slow;
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: "ok", stdout: "done\n" });
    const after = await post(pythonRun("print(3)"), undefined, busy);
    expect(after.status).toBe(200);
  });
});

describe("DELETE /v1/executions/:id", () => {
  const del = (id: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    app.request(`/v1/executions/${id}`, { method: "DELETE", headers });

  it("answers 401 without the token and 404 when nothing of that id is in flight", async () => {
    expect((await del("x", {})).status).toBe(401);
    const missing = await del("not-running");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "no run of not-running is in flight" });
  });

  it("stops a run in flight, which answers cancelled with the output printed so far", async () => {
    await engine.pool.warm();
    const run = pythonRun("import time\nprint('started', flush=True)\ntime.sleep(10)");
    const pending = post(run);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await del(run.id)).status).toBe(200);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "cancelled",
      message: "Stopped: the run was cancelled.",
      stdout: "started\n",
      exitCode: 137,
      signal: null,
    });
  });
});

describe("GET /healthz", () => {
  it("answers 200 with the image when Docker and the image are there", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, image, images: [image, languages.javascript.image] });
  });

  it("answers 503 with the reason when the image is missing", async () => {
    const res = await makeApp({ image: "codeyard/sandbox-python:missing" }).request("/healthz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; reason: string };
    expect(body.ok).toBe(false);
    expect(body.reason).toContain("pnpm sandbox:build");
  });
});
