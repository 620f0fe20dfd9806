import { createExecution, createUser, type DbHandle } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { verifyTicket } from "@codeyard/runner/ticket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "@/lib/server/http";

// env.ts reads these at import: set them first, then load the verb.
const key = "live-ticket-test-key-0123456789abcdef0123";
process.env.RUNNER_TICKET_KEY = key;
process.env.RUNNER_PUBLIC_URL = "https://runner.example.test";
const { grantLiveTicket } = await import("./live-ticket");

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
