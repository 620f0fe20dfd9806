// Two real runners on loopback: a run held by the second one is watched live there, at its public address, and
// the learner's terminal files are read from the runner that holds their session.
import { randomBytes } from "node:crypto";
import { createExecution, createUser, type DbHandle, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { LiveServerFrame } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";

// env.ts files read these at import: set them first, then load the modules. Ports 8841/8842 are this test's.
const key = randomBytes(24).toString("hex");
const token = randomBytes(24).toString("hex");
const origin = "http://localhost:3000";
const runners = [8841, 8842].map((port) => ({
  url: `http://127.0.0.1:${port}`,
  // The address browsers use differs from the server's, as behind a reverse proxy.
  publicUrl: `http://localhost:${port}`,
}));
process.env.RUNNER_TICKET_KEY = key;
process.env.RUNNER_TOKEN = token;
process.env.RUNNER_URLS = runners.map((r) => `${r.url}=${r.publicUrl}`).join(",");
const { createDispatcher, createRunnerFleet, createTerminalFilesClient, inngestEnv } = await import(
  "@codeyard/inngest"
);
const { startRunner } = await import("@codeyard/inngest/testing");
const { grantLiveTicket } = await import("./live-ticket");

/** Every frame of one live socket until the run's end frame. */
function watch(url: string): Promise<LiveServerFrame[]> {
  return new Promise((resolve, reject) => {
    const frames: LiveServerFrame[] = [];
    const ws = new WebSocket(url, { headers: { origin } });
    const timer = setTimeout(() => reject(new Error(`no end frame: ${JSON.stringify(frames)}`)), 120_000);
    ws.on("unexpected-response", (_req, res) => reject(new Error(`socket refused with ${res.statusCode}`)));
    ws.on("error", reject);
    ws.on("message", (data) => {
      const frame = LiveServerFrame.parse(JSON.parse(String(data)));
      frames.push(frame);
      if (frame.type === "end") {
        clearTimeout(timer);
        ws.close();
        resolve(frames);
      }
    });
  });
}

describe("live sockets with two runners", () => {
  let handle: DbHandle;
  const started: Awaited<ReturnType<typeof startRunner>>[] = [];
  beforeAll(async () => {
    handle = await createTestDb();
    const env = { RUNNER_TICKET_KEY: key, RUNNER_ALLOWED_ORIGINS: origin };
    started.push(
      ...(await Promise.all(runners.map((r) => startRunner({ port: Number(new URL(r.url).port), token, env })))),
    );
  }, 200_000);
  afterAll(async () => {
    for (const r of started) r.child.kill("SIGTERM");
    await Promise.all(started.map((r) => r.exited));
    await handle?.close();
  }, 60_000);

  it("gives the ticket of a run held by runner B B's public address, and B's socket streams it", {
    timeout: 300_000,
  }, async () => {
    const { db } = handle;
    expect(inngestEnv.runners).toEqual(runners);
    const fleet = createRunnerFleet({ getDb: async () => db });
    const b = runners[1] as (typeof runners)[number];
    // A learner whose runs go to B (rendezvous order with both runners healthy).
    let userId = "";
    for (let i = 0; !userId; i++) {
      const user = await createUser(db, { username: `fleet-live-${i}`, passwordHash: "h", ageGroup: "12-15" });
      if ((await fleet.homeOf(user.id)).url === b.url) userId = user.id;
    }
    const dispatcher = createDispatcher({ getDb: async () => db, runner: fleet, mode: "inline", schedule: false });
    const program = 'import time\nprint("one", flush=True)\ntime.sleep(1)\nprint("two")';
    const row = await createExecution(db, {
      userId,
      language: "python",
      files: [{ path: "main.py", content: program }],
      concurrencyKey: `user:${userId}`,
    });

    // Before a runner holds the run there is nowhere to watch it yet: the browser is told to ask again.
    const early = await grantLiveTicket(db, row.id, userId).catch((e: unknown) => e);
    expect(early).toMatchObject({ status: 503, headers: { "retry-after": "1" } });

    await dispatcher.send({
      name: "execution/requested",
      data: { executionId: row.id, userId, concurrencyKey: row.concurrencyKey },
    });
    const deadline = Date.now() + 120_000;
    while (!(await getExecution(db, row.id))?.runnerUrl) {
      if (Date.now() > deadline) throw new Error("the run never reached a runner");
      await new Promise((r) => setTimeout(r, 50));
    }
    const grant = await grantLiveTicket(db, row.id, userId);
    const url = new URL(grant.url);
    expect(`${url.origin}${url.pathname}`).toBe(`ws://localhost:8842/v1/live/${row.id}`);

    const frames = await watch(grant.url);
    const stdout = frames.map((f) => (f.type === "output" && f.stream === "stdout" ? f.data : "")).join("");
    expect(stdout).toBe("one\ntwo\n");
    expect(frames.at(-1)).toMatchObject({ type: "end", status: "ok" });
    await dispatcher.drain();
    expect(await getExecution(db, row.id)).toMatchObject({ status: "ok", stdout: "one\ntwo\n", runnerUrl: b.url });

    // The learner's session sandbox is on B: the terminal's file sync reads it there (runner A has none for them).
    expect(await createTerminalFilesClient().list(userId)).toMatchObject({ sandbox: true });
    expect(await createTerminalFilesClient({ url: runners[0]?.url }).list(userId)).toMatchObject({ sandbox: false });
  });
});
