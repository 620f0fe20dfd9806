// Queue figures over both kinds of sandbox work (runs and gradings): backpressure, metrics, outstanding
// limits and the requeue cron read them here.
import { and, eq, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { executions, submissions } from "../schema";

export type WorkKind = "execution" | "submission";

export interface KindStats {
  queued: number;
  running: number;
  finishedRecently: number;
  /** Ended on our side's failure: `internal_error` runs, `error` gradings. */
  failedRecently: number;
}

export interface QueueStats extends KindStats {
  oldestQueuedAt: Date | null;
  /** Mean time a run held its slot (started to finished) over the window; null when none finished. */
  serviceMs: number | null;
  windowSeconds: number;
  runs: KindStats;
  gradings: KindStats;
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

interface StatsRow {
  kind: WorkKind;
  queued: number;
  running: number;
  finished: number;
  failed: number;
  oldest: string | Date | null;
  service_ms: number | string | null;
}

/** Queued, running and recently finished work of both kinds, from one round trip. */
export async function getQueueStats(db: Db, windowSeconds = 60): Promise<QueueStats> {
  const since = sql`now() - make_interval(secs => ${windowSeconds})`;
  // Only runs record when they started; a grading holds a slot about as long, so runs stand for both.
  const runService = sql`avg(extract(epoch from ${executions.finishedAt} - ${executions.startedAt}) * 1000)
    filter (where ${executions.finishedAt} > ${since} and ${executions.startedAt} is not null)`;
  const perKind = (
    table: typeof executions | typeof submissions,
    kind: WorkKind,
    failed: string,
    service: SQL = sql`null::float8`,
  ) => sql`
    select ${kind}::text as kind,
      count(*) filter (where ${table.status} = 'queued')::int as queued,
      count(*) filter (where ${table.status} = 'running')::int as running,
      count(*) filter (where ${table.finishedAt} > ${since})::int as finished,
      count(*) filter (where ${table.finishedAt} > ${since} and ${table.status} = ${failed})::int as failed,
      min(${table.createdAt}) filter (where ${table.status} = 'queued') as oldest,
      ${service} as service_ms
    from ${table}
    where ${table.status} in ('queued', 'running') or ${table.finishedAt} > ${since}`;
  const found = await rows<StatsRow>(
    db,
    sql`${perKind(executions, "execution", "internal_error", runService)} union all ${perKind(submissions, "submission", "error")}`,
  );
  const of = (kind: WorkKind): KindStats => {
    const row = found.find((r) => r.kind === kind);
    return {
      queued: Number(row?.queued ?? 0),
      running: Number(row?.running ?? 0),
      finishedRecently: Number(row?.finished ?? 0),
      failedRecently: Number(row?.failed ?? 0),
    };
  };
  const runs = of("execution");
  const gradings = of("submission");
  const oldest = found
    .map((r) => (r.oldest ? new Date(r.oldest) : null))
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const service = found.find((r) => r.kind === "execution")?.service_ms;
  return {
    queued: runs.queued + gradings.queued,
    running: runs.running + gradings.running,
    finishedRecently: runs.finishedRecently + gradings.finishedRecently,
    failedRecently: runs.failedRecently + gradings.failedRecently,
    oldestQueuedAt: oldest ?? null,
    serviceMs: service === null || service === undefined ? null : Number(service),
    windowSeconds,
    runs,
    gradings,
  };
}

/**
 * Queued work of both kinds created no later than this row, itself included: its place in the queue.
 * Requests arriving together each count only those ahead of them, so about as many fit as there is room for.
 */
export async function getQueuePosition(db: Db, kind: WorkKind, id: string): Promise<number> {
  const table = kind === "execution" ? executions : submissions;
  const [row] = await rows<{ n: number }>(
    db,
    sql`with me as (select created_at from ${table} where id = ${id})
      select (
        (select count(*) from ${executions} where status = 'queued' and created_at <= (select created_at from me)) +
        (select count(*) from ${submissions} where status = 'queued' and created_at <= (select created_at from me))
      )::int as n`,
  );
  return Number(row?.n ?? 0);
}

/** Queued or running work sent under this concurrency key (one user, or one anonymous address). */
export async function countOutstanding(db: Db, kind: WorkKind, concurrencyKey: string): Promise<number> {
  const table = kind === "execution" ? executions : submissions;
  return db.$count(table, and(eq(table.concurrencyKey, concurrencyKey), inArray(table.status, ["queued", "running"])));
}

export interface LostWork {
  kind: WorkKind;
  id: string;
  userId: string | null;
  concurrencyKey: string | null;
  /** An anonymous run's guest (executions only), so the re-send reaches the guest's session. */
  guestId: string | null;
  /** An interactive run (executions only), so the re-send asks the runner for the same run it may remember. */
  interactive: boolean;
}

/**
 * Unfinished work whose last dispatch is older than `olderThanSeconds`. The caller picks a threshold past
 * the functions' start and finish timeouts, so no live Inngest run can still be working on it.
 */
export async function listLostWork(db: Db, olderThanSeconds: number, limit = 100): Promise<LostWork[]> {
  const before = sql`now() - make_interval(secs => ${olderThanSeconds})`;
  const lost = (table: typeof executions | typeof submissions) =>
    and(inArray(table.status, ["queued", "running"]), lt(table.dispatchedAt, before));
  const runs = await db
    .select({
      id: executions.id,
      userId: executions.userId,
      concurrencyKey: executions.concurrencyKey,
      guestId: executions.guestId,
      interactive: executions.interactive,
    })
    .from(executions)
    .where(lost(executions))
    .orderBy(executions.dispatchedAt)
    .limit(limit);
  const gradings = await db
    .select({ id: submissions.id, userId: submissions.userId, concurrencyKey: submissions.concurrencyKey })
    .from(submissions)
    .where(lost(submissions))
    .orderBy(submissions.dispatchedAt)
    .limit(limit);
  return [
    ...runs.map((row) => ({ kind: "execution" as const, ...row })),
    ...gradings.map((row) => ({ kind: "submission" as const, ...row, guestId: null, interactive: false })),
  ];
}

/** Records a re-send, so the next sweep measures from now. */
export async function markDispatched(db: Db, kind: WorkKind, id: string): Promise<void> {
  const table = kind === "execution" ? executions : submissions;
  await db.update(table).set({ dispatchedAt: new Date() }).where(eq(table.id, id));
}

/** Deletes up to `batchSize` runs created before `before`; returns how many went. */
export async function deleteExecutionsBefore(db: Db, before: Date, batchSize = 1000): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`
    with doomed as (
      select id from ${executions} where ${executions.createdAt} < ${before} limit ${batchSize}
    ), gone as (delete from ${executions} where id in (select id from doomed) returning 1)
    select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}
