import { afterAll, describe, expect, it } from "vitest";
import { auth, capacityOf, makeApp, postJson, pythonRun, waitFor } from "./app-testing";
import { GradeResult, RunnerBusy, RunResult } from "./contract";
import { Engine } from "./engine";
import { languages } from "./languages";
import { markRetriable } from "./retriable";
import { internalErrorResult } from "./run-results";
import { docker, image, ownContainers, processesOf, uniqueId } from "./testing";

const engine = new Engine(docker, { poolSize: 1, sessionIdleMs: 60_000, maxSessions: 4, languages: ["python"] });
engine.start();
const app = makeApp(engine);
// Sandbox starts and runs take several times longer while other work keeps both cores busy.
const slow = 120_000;

const post = (body: unknown, headers?: Record<string, string>, target = app) =>
  postJson(target, "/v1/executions", body, headers);
const grade = (body: unknown, target = app) => postJson(target, "/v1/gradings", body);

function grading(content: string) {
  return {
    id: uniqueId("grade"),
    language: "python",
    files: [{ path: "main.py", content }],
    tests: [{ name: "adds", call: "add(2, 3)", expect: "5" }],
    limits: { wallMs: 15_000 },
  };
}

afterAll(async () => {
  await engine.stop();
  expect(await ownContainers()).toEqual([]);
});

describe("POST /v1/executions", () => {
  it(
    "runs a program and answers its RunResult, echoing the request id",
    async () => {
      const run = pythonRun("import sys\nprint(sys.stdin.read() * 2)");
      const res = await post({ ...run, stdin: "ab" }, { ...auth, "x-request-id": "req-123" });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBe("req-123");
      const result = RunResult.parse(await res.json());
      expect(result).toMatchObject({ id: run.id, status: "ok", exitCode: 0, stdout: "abab\n", truncated: false });
      // A request id that could smuggle characters into logs is replaced by a fresh one.
      const other = await post(pythonRun("print(1)"), { ...auth, "x-request-id": "bad id\n" });
      expect(other.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    },
    slow,
  );

  it(
    "answers 429 with Retry-After once every slot is taken, but joins a repeat of the id in flight",
    async () => {
      const busy = makeApp(engine, { maxConcurrent: 1 });
      const run = pythonRun("import os, time\ntime.sleep(1)\nprint(os.urandom(8).hex())");
      const first = post(run, undefined, busy);
      await waitFor("the first run holds the only slot", async () => (await capacityOf(busy)).inFlight.runs === 1);

      const refused = await post(pythonRun("print(2)"), undefined, busy);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(RunnerBusy.parse(await refused.json())).toEqual({
        error: "busy: every slot of the runner is in flight",
        pool: "runner",
      });

      const repeat = await post(run, undefined, busy);
      expect(repeat.status).toBe(200);
      const original = await first;
      expect(original.status).toBe(200);
      const [a, b] = [RunResult.parse(await original.json()), RunResult.parse(await repeat.json())];
      expect(a).toMatchObject({ id: run.id, status: "ok" });
      expect(a.stdout).toMatch(/^[0-9a-f]{16}\n$/);
      expect(b).toEqual(a);
      expect(busy.runsOf(run.id)).toBe(1);

      const after = await post(pythonRun("print(3)"), undefined, busy);
      expect(after.status).toBe(200);
    },
    slow,
  );

  it(
    "answers a repeated id that finished with the stored result, and 409 for another request under it",
    async () => {
      const run = pythonRun("import os\nprint(os.urandom(8).hex())");
      const first = RunResult.parse(await (await post(run)).json());
      expect(first.status).toBe("ok");
      const again = await post(run);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(first);
      expect(app.runsOf(run.id)).toBe(1);

      const changed = await post({ ...run, stdin: "other" });
      expect(changed.status).toBe(409);
      expect(await changed.json()).toEqual({ error: `id ${run.id} was already used for a different request` });
      expect(app.runsOf(run.id)).toBe(1);
    },
    slow,
  );
});

describe("POST /v1/gradings", () => {
  it(
    "keeps slots for runs: gradings fill their share, get 429 past it, and a run posted meanwhile still runs",
    async () => {
      const shared = makeApp(engine, { maxConcurrent: 4 });
      expect(await capacityOf(shared)).toEqual({
        slots: 4,
        gradingSlots: 2,
        inFlight: { runs: 0, gradings: 0, terminals: 0 },
      });
      const sleepy = "import time\ntime.sleep(12)\ndef add(a, b):\n    return a + b\n";
      const [g1, g2] = [grading(sleepy), grading(sleepy)];
      const pending = [grade(g1, shared), grade(g2, shared)];
      await waitFor("both gradings hold a slot", async () => (await capacityOf(shared)).inFlight.gradings === 2);

      const third = await grade(grading("def add(a, b):\n    return a + b\n"), shared);
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBe("1");
      expect(RunnerBusy.parse(await third.json())).toEqual({
        error: "busy: the gradings' share of the runner is in flight; runs still have room",
        pool: "gradings",
      });
      // A repeat of a grading in flight joins it, whatever the share.
      const repeat = grade(g1, shared);

      const run = pythonRun("print('still room')");
      const ran = post(run, undefined, shared);
      await waitFor("the run holds a slot beside both gradings", async () => {
        const { inFlight } = await capacityOf(shared);
        return inFlight.runs === 1 && inFlight.gradings === 2;
      });
      const answer = await ran;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ id: run.id, status: "ok", stdout: "still room\n" });

      const verdicts = await Promise.all(
        [...pending, repeat].map(async (r) => [(await r).status, await (await r).json()]),
      );
      for (const [status, body] of verdicts) {
        expect(status).toBe(200);
        expect(GradeResult.parse(body)).toMatchObject({ status: "pass", tests: [{ name: "adds", status: "pass" }] });
      }
      expect(verdicts[2]?.[1]).toEqual(verdicts[0]?.[1]);
      expect([shared.runsOf(g1.id), shared.runsOf(g2.id)]).toEqual([1, 1]);
      expect((await capacityOf(shared)).inFlight).toEqual({ runs: 0, gradings: 0, terminals: 0 });
    },
    slow,
  );

  it(
    "answers a repeated grading id with the stored verdict without grading again",
    async () => {
      const request = grading("def add(a, b):\n    return a - b\n");
      const first = await grade(request);
      expect(first.status).toBe(200);
      const verdict = await first.json();
      expect(GradeResult.parse(verdict)).toMatchObject({ status: "fail", tests: [{ name: "adds", status: "fail" }] });
      const again = await grade(request);
      expect(await again.json()).toEqual(verdict);
      expect(app.runsOf(request.id)).toBe(1);
      // Runs and gradings are separate id spaces.
      const run = await post({ ...pythonRun("print('run')"), id: request.id });
      expect(await run.json()).toMatchObject({ status: "ok", stdout: "run\n" });
    },
    slow,
  );

  it(
    "gives a final error verdict, not a second grading, when the grading was cancelled after it started",
    async () => {
      const request = grading(
        "import time\nprint('started', flush=True)\ntime.sleep(12)\ndef add(a, b):\n    return a + b\n",
      );
      const pending = grade(request);
      await waitFor("the grading runs", async () => (await capacityOf(app)).inFlight.gradings === 1);
      await waitFor("the cancel reaches a run in flight", async () => engine.cancel(request.id));
      const first = await pending;
      expect(first.status).toBe(200);
      const verdict = await first.json();
      expect(GradeResult.parse(verdict)).toMatchObject({ status: "error", message: "The tests were cancelled." });
      expect(await (await grade(request)).json()).toEqual(verdict);
      expect(app.runsOf(request.id)).toBe(1);
    },
    slow,
  );
});

describe("GET /v1/capacity", () => {
  it("needs the token and answers the configured figures", async () => {
    expect((await app.request("/v1/capacity")).status).toBe(401);
    const custom = makeApp(engine, { maxConcurrent: 6, gradingSlots: 1 });
    expect(await capacityOf(custom)).toEqual({
      slots: 6,
      gradingSlots: 1,
      inFlight: { runs: 0, gradings: 0, terminals: 0 },
    });
  });
});

describe("DELETE /v1/executions/:id", () => {
  const del = (id: string, headers: Record<string, string> = auth) =>
    app.request(`/v1/executions/${id}`, { method: "DELETE", headers });

  it("answers 401 without the token and 404 when nothing of that id is in flight", async () => {
    expect((await del("x", {})).status).toBe(401);
    const missing = await del("not-running");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "no run of not-running is in flight" });
  });

  it(
    "stops a run in flight, which answers cancelled with the output printed so far, also to a repeat",
    async () => {
      await engine.pool.warm();
      const run = {
        ...pythonRun("import time\nprint('started', flush=True)\ntime.sleep(30)"),
        limits: { wallMs: 15_000 },
      };
      const pending = post(run);
      // The program has started once its container holds a second process (the forked child).
      await waitFor("the program runs", async () => {
        for (const container of await ownContainers()) {
          if ((await processesOf(container.id)).length >= 2) return true;
        }
        return false;
      });
      // Room for the child to print even when the machine is busy.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await del(run.id)).status).toBe(200);
      const res = await pending;
      expect(res.status).toBe(200);
      const result = await res.json();
      expect(result).toMatchObject({
        status: "cancelled",
        message: "Stopped: the run was cancelled.",
        stdout: "started\n",
        exitCode: 137,
        signal: null,
      });
      expect(await (await post(run)).json()).toEqual(result);
      expect(app.runsOf(run.id)).toBe(1);
    },
    slow,
  );
});

describe("GET /healthz", () => {
  it("answers 200 with the image when Docker and the image are there", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, image, images: [image, languages.javascript.image], draining: false });
  });

  it("answers 503 once the runner drains, and POST /v1/drain needs the token", async () => {
    let draining = false;
    const drainable = makeApp(engine, { drain: { draining: () => draining, start: () => (draining = true) } });
    expect((await drainable.request("/v1/drain", { method: "POST" })).status).toBe(401);
    expect(draining).toBe(false);
    expect((await drainable.request("/v1/drain", { method: "POST", headers: auth })).status).toBe(202);
    const res = await drainable.request("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, draining: true, images: [image, languages.javascript.image] });
  });

  it("hands back (503) a run the drain stopped, so the caller sends it to another runner", async () => {
    let draining = false;
    let stopped = true;
    const drainable = makeApp(engine, {
      // The drain begins while the run waits for a sandbox; the run then ends without a real outcome.
      run: async (request) => {
        draining = true;
        const result = internalErrorResult(request, "the run was stopped");
        return stopped ? markRetriable(result) : result;
      },
      drain: { draining: () => draining, start: () => (draining = true) },
    });
    const handedBack = await postJson(drainable, "/v1/executions", pythonRun("print(1)"));
    expect(handedBack.status).toBe(503);
    expect(await handedBack.json()).toMatchObject({ error: expect.stringMatching(/send it to another runner/) });
    // A run that really failed keeps its answer, draining or not.
    draining = false;
    stopped = false;
    const failed = await postJson(drainable, "/v1/executions", pythonRun("print(1)"));
    expect(failed.status).toBe(200);
    expect(await failed.json()).toMatchObject({ status: "internal_error" });
  });

  it("answers 503 with the reason when the image is missing", async () => {
    const res = await makeApp(engine, { image: "codeyard/sandbox-python:missing" }).request("/healthz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { ok: boolean; reason: string };
    expect(body.ok).toBe(false);
    expect(body.reason).toContain("pnpm sandbox:build");
  });
});
