import { createDb, getExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { sql } from "drizzle-orm";
import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOutageMessage, isDatabaseOutage, throughDatabaseOutage } from "./runner-steps";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("it did not fail");
    },
    (error: unknown) => error,
  );

describe("a step while the database is down (real Postgres)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle?.close());

  it("tells a database that cannot be reached from a query that is wrong", async () => {
    // Nothing listens on port 1: the same refusal a stopped or restarting Postgres gives.
    const down = createDb({ url: "postgres://postgres@127.0.0.1:1/codeyard" });
    try {
      const refused = await failure(getExecution(down.db, "00000000-0000-0000-0000-000000000000"));
      expect(isDatabaseOutage(refused)).toBe(true);
    } finally {
      await down.close();
    }
    const wrong = await failure(handle.db.execute(sql`select * from no_such_table`));
    expect(isDatabaseOutage(wrong)).toBe(false);
    expect(isDatabaseOutage(new Error("the runner answered HTTP 500"))).toBe(false);
  });

  it("asks for a later retry while the database is down, and passes every other error on", async () => {
    const down = createDb({ url: "postgres://postgres@127.0.0.1:1/codeyard" });
    try {
      const step = throughDatabaseOutage(() => getExecution(down.db, "00000000-0000-0000-0000-000000000000"));
      const error = await failure(step());
      expect(error).toBeInstanceOf(RetryAfterError);
      expect((error as RetryAfterError).message).toBe(databaseOutageMessage);
      expect(Number((error as RetryAfterError).retryAfter)).toBeGreaterThanOrEqual(5);
    } finally {
      await down.close();
    }
    const wrong = await failure(throughDatabaseOutage(() => handle.db.execute(sql`select * from no_such_table`))());
    expect(wrong).not.toBeInstanceOf(RetryAfterError);
    const final = new NonRetriableError("execution x does not exist");
    expect(await failure(throughDatabaseOutage(() => Promise.reject(final))())).toBe(final);
    expect(await throughDatabaseOutage(async () => 42)()).toBe(42);
  });
});
