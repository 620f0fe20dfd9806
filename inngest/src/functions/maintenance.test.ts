import { countExecutions, createExecution, type DbHandle } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeleteOldExecutions, createRequeueStaleExecutions } from "./maintenance";

const files = [{ path: "main.py", content: "print(1)" }];

describe("maintenance crons (under Inngest's engine)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("delete-old-executions removes runs past the retention period and keeps recent ones", async () => {
    const old = await createExecution(handle.db, { language: "python", files });
    await createExecution(handle.db, { language: "python", files });
    await handle.db.execute(`update executions set created_at = now() - interval '8 days' where id = '${old.id}'`);
    const fn = createDeleteOldExecutions({ getDb: async () => handle.db }).fn;
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual({ deleted: 1 });
    expect(await countExecutions(handle.db)).toBe(1);
  });

  it("requeue-stale-executions sends lost runs again, and only those", async () => {
    const lost = await createExecution(handle.db, { language: "python", files });
    await createExecution(handle.db, { language: "python", files });
    await handle.db.execute(`update executions set created_at = now() - interval '1 hour' where id = '${lost.id}'`);
    const sent: Array<{ name: string; data: Record<string, unknown> }> = [];
    const fn = createRequeueStaleExecutions({
      getDb: async () => handle.db,
      send: async (event) => {
        sent.push(event);
      },
    }).fn;
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual({ requeued: 1 });
    expect(sent).toEqual([
      expect.objectContaining({ name: "execution/requested", data: expect.objectContaining({ executionId: lost.id }) }),
    ]);
  });
});
