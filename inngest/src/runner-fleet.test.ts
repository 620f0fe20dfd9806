import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { countExecutions, createExecution, type DbHandle, executions, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "./dispatch";
import { createRunnerClient } from "./runner-client";
import { createRunnerFleet, rankRunners } from "./runner-fleet";
import { startRunner as startTestRunner } from "./testing";

const token = randomBytes(24).toString("hex");
// Ports of this test alone (two runners side by side on loopback).
const ports = [8900, 8901];
const urls = ports.map((port) => `http://127.0.0.1:${port}`);

const startRunner = async (port: number) => (await startTestRunner({ port, token })).child;

describe("rankRunners", () => {
  const members = urls.map((url) => ({ url, inFlight: 0 }));
  it("keeps a learner on one runner, and moves only them when it is down", () => {
    const first = rankRunners(members, { userId: "u1", id: "a" }, () => true)[0]?.url;
    expect(rankRunners(members, { userId: "u1", id: "b" }, () => true)[0]?.url).toBe(first);
    const down = rankRunners(members, { userId: "u1", id: "c" }, (m) => m.url !== first);
    expect(down[0]?.url).not.toBe(first);
    expect(down.at(-1)?.url).toBe(first);
    // Learners spread over both runners.
    const homes = new Set(
      Array.from({ length: 20 }, (_, i) => rankRunners(members, { userId: `u${i}`, id: "x" }, () => true)[0]?.url),
    );
    expect(homes.size).toBe(2);
  });

  it("gives anonymous work to the least busy runner", () => {
    const busy = [
      { url: urls[0] as string, inFlight: 3 },
      { url: urls[1] as string, inFlight: 1 },
    ];
    expect(rankRunners(busy, { id: "anon" }, () => true)[0]?.url).toBe(urls[1]);
  });
});

describe("a fleet's socket addresses", () => {
  it("maps a recorded runner to its public address, and a learner to their first healthy runner", async () => {
    // One port answers its health check (a bare HTTP server), the other has nothing listening.
    const server = createServer((_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => server.listen(8848, "127.0.0.1", resolve));
    const up = { url: "http://127.0.0.1:8848", publicUrl: "https://up.example" };
    const down = { url: "http://127.0.0.1:8849", publicUrl: "https://down.example" };
    try {
      const fleet = createRunnerFleet({ urls: [up, down], connect: (url) => createRunnerClient({ url, token }) });
      expect(fleet.addressOf(down.url)).toEqual(down);
      expect(fleet.addressOf("http://127.0.0.1:1")).toBeUndefined();
      // Learners whose first choice is the dead runner move to the live one; the others stay where they were.
      const users = Array.from({ length: 8 }, (_, i) => `home-${i}`);
      const firstChoice = (u: string) =>
        rankRunners(
          [up, down].map((r) => ({ ...r, inFlight: 0 })),
          { userId: u, id: u },
          () => true,
        )[0]?.url;
      expect(new Set(users.map(firstChoice)).size).toBe(2);
      for (const u of users) expect(await fleet.homeOf(u)).toEqual(up);
      // A single runner is everyone's home without a health check.
      const single = createRunnerFleet({ urls: [down], connect: (url) => createRunnerClient({ url, token }) });
      expect(await single.homeOf("anyone")).toEqual(down);
    } finally {
      server.close();
    }
  });
});

describe("two runners, one killed during a burst", () => {
  let handle: DbHandle;
  const runners: (ChildProcess | undefined)[] = [];
  beforeAll(async () => {
    handle = await createTestDb();
    runners.push(...(await Promise.all(ports.map(startRunner))));
  }, 200_000);
  afterAll(async () => {
    for (const r of runners) r?.kill("SIGTERM");
    await handle?.close();
  });

  it("every run ends ok, once, on the runner that stayed", { timeout: 400_000 }, async () => {
    const fleet = createRunnerFleet({
      urls,
      getDb: async () => handle.db,
      connect: (url) => createRunnerClient({ url, token }),
    });
    const dispatcher = createDispatcher({
      getDb: async () => handle.db,
      runner: fleet,
      mode: "inline",
      schedule: false,
      inline: { backoffMs: 2_000 },
    });
    const program = (n: number) => `import time\ntime.sleep(0.5)\nprint(${n})`;
    const ids: string[] = [];
    for (let n = 0; n < 16; n++) {
      // A quarter from two signed-in learners (a session each), the rest anonymous.
      const userId = n % 4 === 0 ? `fleet-user-${n % 8}` : null;
      const row = await createExecution(handle.db, {
        userId,
        language: "python",
        files: [{ path: "main.py", content: program(n) }],
        concurrencyKey: userId ? `user:${userId}` : `ip:fleet-${n}`,
      });
      ids.push(row.id);
      await dispatcher.send({
        name: "execution/requested",
        data: { executionId: row.id, userId, concurrencyKey: row.concurrencyKey },
      });
    }
    // Once both runners hold work, the second one dies without a word.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const rows = await handle.db.select({ runnerUrl: executions.runnerUrl }).from(executions);
      if (new Set(rows.map((r) => r.runnerUrl).filter(Boolean)).size === 2) break;
      if (Date.now() > deadline) throw new Error("work never reached both runners");
      await new Promise((r) => setTimeout(r, 50));
    }
    runners[1]?.kill("SIGKILL");
    await new Promise((r) => runners[1]?.once("exit", r));

    await dispatcher.drain();
    const finals = await Promise.all(ids.map((id) => getExecution(handle.db, id)));
    expect(await countExecutions(handle.db)).toBe(16);
    finals.forEach((row, n) => {
      expect(row).toMatchObject({ status: "ok", stdout: `${n}\n`, exitCode: 0 });
    });
    // Whatever the dead runner held was taken over: every run ends recorded on the survivor or finished before.
    const survivors = finals.filter((row) => row?.runnerUrl === urls[0]).length;
    expect(survivors).toBeGreaterThan(0);
    // Sweep what the killed runner left behind: a new runner removes a dead owner's containers.
    runners[1] = await startRunner(ports[1] as number);
  });
});
