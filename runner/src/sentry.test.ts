import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import * as Sentry from "@sentry/node";
import { afterAll, describe, expect, it } from "vitest";
import { makeApp, postJson, pythonRun } from "./app-testing";
import { Engine } from "./engine";
import { flushSentry, initSentry } from "./sentry";
import { docker } from "./testing";

// A stand-in for Sentry's ingest on loopback (this test's port): it records the envelopes the real SDK sends.
const received: string[] = [];
const port = 8845;
let server: Server | undefined;

// The engine is never started: the run below fails before it would reach a sandbox.
const engine = new Engine(docker, { poolSize: 0, sessionIdleMs: 60_000, maxSessions: 1, languages: ["python"] });
/** A runner whose engine throws, which it never should: the error the API did not expect. */
const broken = () =>
  makeApp(engine, {
    run: async () => {
      throw new Error("the engine fell over");
    },
  });

afterAll(async () => {
  await Sentry.close(2_000);
  await new Promise((r) => server?.close(r));
});

describe("Sentry in the runner", () => {
  it("starts nothing and sends nothing without SENTRY_DSN", async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push(`${req.method} ${req.url}\n${body}`);
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((r) => server?.listen(port, "127.0.0.1", r));
    expect(await initSentry(undefined, "test")).toBe(false);
    const res = await postJson(broken(), "/v1/executions", pythonRun("print(1)"));
    expect(res.status).toBe(500);
    await flushSentry();
    expect(Sentry.isInitialized()).toBe(false);
    expect(received).toEqual([]);
  });

  it("sends the runner's unexpected error to the DSN when it is set, without the request's body", async () => {
    expect(await initSentry(`http://publickey@127.0.0.1:${port}/7`, "test")).toBe(true);
    const res = await postJson(broken(), "/v1/executions", pythonRun("print('a learner secret')"));
    expect(res.status).toBe(500);
    await flushSentry(10_000);
    const sent = received.join("\n");
    expect(sent).toMatch(/^POST \/api\/7\/envelope\//);
    expect(sent).toContain("the engine fell over");
    expect(sent).toContain('"environment":"test"');
    expect(sent).toContain("/v1/executions");
    expect(sent).not.toContain("a learner secret");
  }, 30_000);

  it("still ends the process on an unhandled rejection, as Node does, after reporting it", async () => {
    received.length = 0;
    // A process of its own: this one must survive. It starts Sentry as the runner does, then drops a rejection.
    const script = [
      `import { initSentry } from ${JSON.stringify(new URL("./sentry.ts", import.meta.url).pathname)};`,
      `await initSentry("http://publickey@127.0.0.1:${port}/7", "test");`,
      `Promise.reject(new Error("nobody caught this"));`,
      `setTimeout(() => console.log("still serving"), 10_000);`,
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(stdout).not.toContain("still serving");
    expect(received.join("\n")).toContain("nobody caught this");
  }, 60_000);
});
