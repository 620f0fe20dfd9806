import { and, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { type ExecutionStatus, executions } from "../schema";

export interface QueueStats {
  queued: number;
  running: number;
  oldestQueuedAt: Date | null;
  /** Runs that finished in the last `windowSeconds`, and how many of them failed on our side. */
  finishedRecently: number;
  failedRecently: number;
  windowSeconds: number;
}

export async function getQueueStats(db: Db, windowSeconds = 60): Promise<QueueStats> {
  const since = sql`now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${executions.status} = 'queued')`.mapWith(Number),
      running: sql<number>`count(*) filter (where ${executions.status} = 'running')`.mapWith(Number),
      oldestQueuedAt: sql<Date | null>`min(${executions.createdAt}) filter (where ${executions.status} = 'queued')`,
      finishedRecently: sql<number>`count(*) filter (where ${executions.finishedAt} > ${since})`.mapWith(Number),
      failedRecently:
        sql<number>`count(*) filter (where ${executions.finishedAt} > ${since} and ${executions.status} = 'internal_error')`.mapWith(
          Number,
        ),
    })
    .from(executions)
    .where(sql`${executions.status} in ('queued', 'running') or ${executions.finishedAt} > ${since}`);
  const oldest = row?.oldestQueuedAt;
  return {
    queued: row?.queued ?? 0,
    running: row?.running ?? 0,
    oldestQueuedAt: oldest ? new Date(oldest) : null,
    finishedRecently: row?.finishedRecently ?? 0,
    failedRecently: row?.failedRecently ?? 0,
    windowSeconds,
  };
}

/** Unfinished runs older than `olderThanSeconds`: candidates for re-dispatch after a crash or outage. */
export async function listStaleExecutions(db: Db, olderThanSeconds: number, limit = 100) {
  const statuses: ExecutionStatus[] = ["queued", "running"];
  return db
    .select({ id: executions.id, userId: executions.userId, status: executions.status })
    .from(executions)
    .where(
      and(
        inArray(executions.status, statuses),
        lt(executions.createdAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .orderBy(executions.createdAt)
    .limit(limit);
}

/** Deletes up to `batchSize` finished runs created before `before`; returns how many went. */
export async function deleteExecutionsBefore(db: Db, before: Date, batchSize = 1000): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    with doomed as (
      select id from ${executions} where ${executions.createdAt} < ${before} limit ${batchSize}
    ), gone as (delete from ${executions} where id in (select id from doomed) returning 1)
    select count(*)::int as n from gone`);
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return rows[0]?.n ?? 0;
}
