import { createServer, type Server } from "node:http";
import * as Sentry from "@sentry/node";
import { afterAll, describe, expect, it } from "vitest";
import { flushSentry, initSentry, reportError } from "./sentry";

// A stand-in for Sentry's ingest on loopback: it records the envelopes the real SDK sends.
const received: string[] = [];
const port = 8902;
let server: Server | undefined;

afterAll(async () => {
  await Sentry.close(2_000);
  await new Promise((r) => server?.close(r));
});

describe("Sentry", () => {
  it("starts nothing and sends nothing without SENTRY_DSN", async () => {
    expect(await initSentry(undefined, "local")).toBe(false);
    expect(Sentry.isInitialized()).toBe(false);
    expect(Sentry.getClient()).toBeUndefined();
    reportError(new Error("not sent"));
    await flushSentry();
    expect(received).toEqual([]);
  });

  it("sends an error to the DSN when it is set", { timeout: 30_000 }, async () => {
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
    expect(await initSentry(`http://publickey@127.0.0.1:${port}/42`, "test")).toBe(true);
    expect(Sentry.isInitialized()).toBe(true);
    reportError(new Error("the grader fell over"), { path: "/api/executions" });
    await flushSentry(10_000);
    const sent = received.join("\n");
    expect(sent).toMatch(/^POST \/api\/42\/envelope\//);
    expect(sent).toContain("the grader fell over");
    expect(sent).toContain('"environment":"test"');
  });
});
