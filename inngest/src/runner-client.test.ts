import { createServer } from "node:net";
import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { createRunnerClient, WorkspaceMissingError } from "./runner-client";

/** A loopback port nothing listens on: bound, closed, then handed out. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

const request = {
  id: "client-test",
  language: "python" as const,
  files: [{ path: "main.py", content: "print(1)" }],
};

describe("runner client", () => {
  it("names the runner and the cause when nothing answers, instead of 'fetch failed'", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const answer = await createRunnerClient({ url, token: "t".repeat(24) }).run(request);
    expect(answer).toEqual({
      kind: "unreachable",
      message: `the runner at ${url} refused the connection (is it running?) [ECONNREFUSED]`,
      // Never connected: another runner may take it at once.
      sent: false,
    });
  });

  it("reads a 429 as busy with its Retry-After, so the function waits instead of failing", async () => {
    const server = (await import("node:http")).createServer((_req, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "3" });
      res.end(JSON.stringify({ error: "busy: 4 runs in flight", pool: "runner" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const answer = await createRunnerClient({ url: `http://127.0.0.1:${port}`, token: "t".repeat(24) }).run(request);
      expect(answer).toEqual({ kind: "busy", retryAfterSeconds: 3, message: "busy: 4 runs in flight" });
    } finally {
      server.close();
    }
  });

  it("reads a workspace 409 as the files to resend, and any other 409 as a refusal not to retry", async () => {
    const bodies = [
      { error: "the sandbox lacks 2 files", missing: ["main.py", "lib/util.py"] },
      { error: "this id was used for another request" },
    ];
    const server = (await import("node:http")).createServer((_req, res) => {
      res.writeHead(409, { "content-type": "application/json" });
      res.end(JSON.stringify(bodies.shift()));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    const client = createRunnerClient({ url: `http://127.0.0.1:${port}`, token: "t".repeat(24) });
    try {
      const missing = await client.run(request).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(WorkspaceMissingError);
      expect((missing as WorkspaceMissingError).missing).toEqual(["main.py", "lib/util.py"]);
      expect(await client.run(request).catch((e: unknown) => e)).toBeInstanceOf(NonRetriableError);
    } finally {
      server.close();
    }
  });
});
