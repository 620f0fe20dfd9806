import { type Db, deleteExecutionsBefore, listStaleExecutions } from "@codeyard/drizzle";
import { env } from "../env";
import { executionRequested } from "../events";
import { logger } from "../logger";
import { defineCron } from "../workflow";

// delete-old-executions: retention, in batches so no single statement holds locks for long.
export function createDeleteOldExecutions(deps: { getDb: () => Promise<Db> }) {
  return defineCron({
    id: "delete-old-executions",
    cron: "17 * * * *",
    everyMs: 60 * 60_000,
    async handler({ step }) {
      const cutoff = new Date(Date.now() - env.RETENTION_DAYS * 86_400_000).toISOString();
      let total = 0;
      for (let batch = 0; batch < 50; batch++) {
        const deleted = await step.run(`delete-batch-${batch}`, async () =>
          deleteExecutionsBefore(await deps.getDb(), new Date(cutoff), 1000),
        );
        total += deleted;
        if (deleted < 1000) break;
      }
      logger.info({ deleted: total, cutoff }, "retention sweep done");
      return { deleted: total };
    },
  });
}

// requeue-stale-executions: a run the queue lost (process crash, database down past every retry)
// is sent again; the idempotent steps make a duplicate send harmless.
export function createRequeueStaleExecutions(deps: {
  getDb: () => Promise<Db>;
  send: (event: { name: string; data: Record<string, unknown> }) => Promise<void>;
}) {
  return defineCron({
    id: "requeue-stale-executions",
    cron: "* * * * *",
    everyMs: Math.min(30_000, (env.REQUEUE_AFTER_SECONDS * 1000) / 2),
    async handler({ step }) {
      const stale = await step.run("find-stale", async () =>
        listStaleExecutions(await deps.getDb(), env.REQUEUE_AFTER_SECONDS, 200),
      );
      await step.run("requeue", async () => {
        for (const row of stale) {
          const data = {
            executionId: row.id,
            userId: row.userId,
            concurrencyKey: row.userId ? `user:${row.userId}` : `requeue:${row.id}`,
          };
          await deps.send(executionRequested.create(data));
        }
        return stale.length;
      });
      if (stale.length) logger.warn({ count: stale.length }, "requeued stale executions");
      return { requeued: stale.length };
    },
  });
}
