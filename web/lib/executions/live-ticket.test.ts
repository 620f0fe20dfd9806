import { createExecution, createUser, type DbHandle } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { verifyTicket } from "@codeyard/runner/ticket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "@/lib/server/http";

// env.ts reads these at import: set them first, then load the verb.
const key = "live-ticket-test-key-0123456789abcdef0123";
process.env.RUNNER_TICKET_KEY = key;
process.env.RUNNER_PUBLIC_URL = "https://runner.example.test";
const { grantLiveTicket, liveRunnerOf } = await import("./live-ticket");

describe("which runner streams a run", () => {
  const one = [{ url: "http://127.0.0.1:8787", publicUrl: "https://runner.example" }];
  const two = [
    { url: "http://10.0.0.2:8787", publicUrl: "https://r1.example" },
    { url: "http://10.0.0.3:8787", publicUrl: "https://r2.example" },
  ];
  it("is the only runner when there is one, whatever the row says (today's behaviour)", () => {
    expect(liveRunnerOf({ runnerUrl: null, status: "queued" }, one)).toBe(one[0]);
    expect(liveRunnerOf({ runnerUrl: "http://gone.example", status: "ok" }, one)).toBe(one[0]);
  });
  it("is the runner that holds the run, by its public address, among several", () => {
    expect(liveRunnerOf({ runnerUrl: "http://10.0.0.3:8787", status: "running" }, two)).toBe(two[1]);
    expect(liveRunnerOf({ runnerUrl: "http://10.0.0.2:8787", status: "ok" }, two)).toBe(two[0]);
  });
  it("waits while no runner holds the run yet, and gives up on one no longer listed or never reached", () => {
    expect(liveRunnerOf({ runnerUrl: null, status: "queued" }, two)).toBe("waiting");
    expect(liveRunnerOf({ runnerUrl: null, status: "running" }, two)).toBe("waiting");
    expect(liveRunnerOf({ runnerUrl: null, status: "internal_error" }, two)).toBe("gone");
    expect(liveRunnerOf({ runnerUrl: "http://10.0.0.9:8787", status: "running" }, two)).toBe("gone");
  });
});

describe("live tickets", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  const ticketOf = (url: string) => {
    const parsed = new URL(url);
    const check = verifyTicket(parsed.searchParams.get("ticket") ?? "", { key });
    if (!check.ok) throw new Error(check.reason);
    return { parsed, claims: check.claims };
  };

  it("grants the owner a ticket for their run, on the runner's public wss address, and nobody else", async () => {
    const { db } = handle;
    const owner = (await createUser(db, { username: "live-owner", passwordHash: "h", ageGroup: "8-11" })).id;
    const run = await createExecution(db, {
      userId: owner,
      language: "python",
      files: [{ path: "main.py", content: "" }],
    });
    const grant = await grantLiveTicket(db, run.id, owner);
    const { parsed, claims } = ticketOf(grant.url);
    expect(`${parsed.origin}${parsed.pathname}`).toBe(`wss://runner.example.test/v1/live/${run.id}`);
    expect(claims).toMatchObject({ userId: owner, executionId: run.id });
    expect(grant.expiresAt - Date.now()).toBeLessThanOrEqual(60_000);

    for (const viewer of ["someone-else", null]) {
      const refused = await grantLiveTicket(db, run.id, viewer).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Refusal);
      expect([(refused as Refusal).status, (refused as Refusal).message]).toEqual([404, "No run with this id."]);
    }
  });

  it("scopes an anonymous run's ticket to that run's own viewer id, which execute-code sends the runner", async () => {
    const run = await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "" }] });
    const { claims } = ticketOf((await grantLiveTicket(handle.db, run.id, null)).url);
    expect(claims).toMatchObject({ userId: `anonymous:${run.id}`, executionId: run.id });
  });
});
