import { type Db, deleteExecutionsBefore } from "@codeyard/drizzle";
import { inngest } from "../client";
import type { CronContext, DurableCron } from "../durable";
import { env } from "../env";
import { logger } from "../logger";

// Retention: runs older than RETENTION_DAYS go, in batches so no single statement holds locks for long.
export function createDeleteOldExecutions(deps: { getDb: () => Promise<Db> }): DurableCron {
  const handler = async ({ step }: CronContext) => {
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
  };
  const fn = inngest.createFunction(
    { id: "delete-old-executions", triggers: [{ cron: "17 * * * *" }], retries: 2 },
    handler,
  );
  return { fn, everyMs: 60 * 60_000, run: (step, runId) => handler({ step, runId }) };
}
