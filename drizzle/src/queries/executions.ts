import { and, desc, eq, inArray, isNotNull, ne } from "drizzle-orm";
import type { Db } from "../client";
import { type Execution, type ExecutionFile, type ExecutionImage, type ExecutionStatus, executions } from "../schema";

export interface NewExecution {
  userId?: string | null;
  language: string;
  files: ExecutionFile[];
  stdin?: string;
  /** The file to run when it is not the language's default (a workspace run). */
  entry?: string | null;
  /** The workspace the files were copied from. */
  workspaceId?: string | null;
  /** Inngest concurrency key the run was sent with; a re-send uses it again. */
  concurrencyKey?: string;
  /** An anonymous caller's guest, whose runs share one session sandbox; a re-send goes there too. */
  guestId?: string | null;
  /** Watched live with input typed in (stdin kept open); a re-send asks for the same interactive run. */
  interactive?: boolean;
}

export interface ExecutionResult {
  status: Exclude<ExecutionStatus, "queued" | "running">;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  truncated: boolean;
  cpuMs?: number | null;
  memoryKib?: number | null;
  images?: ExecutionImage[];
}

// A result may replace only an unfinished or internally failed run: a retry or a dashboard
// replay then converges on one result instead of overwriting a good one.
const replaceable: ExecutionStatus[] = ["queued", "running", "internal_error"];

export async function createExecution(db: Db, input: NewExecution): Promise<Execution> {
  const [row] = await db
    .insert(executions)
    .values({
      userId: input.userId ?? null,
      language: input.language,
      files: input.files,
      stdin: input.stdin ?? "",
      entry: input.entry ?? null,
      workspaceId: input.workspaceId ?? null,
      concurrencyKey: input.concurrencyKey ?? (input.userId ? `user:${input.userId}` : null),
      guestId: input.guestId ?? null,
      interactive: input.interactive ?? false,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  return row;
}

export async function getExecution(db: Db, id: string): Promise<Execution | undefined> {
  const [row] = await db.select().from(executions).where(eq(executions.id, id)).limit(1);
  return row;
}

/** Marks a run as started; returns the row if it may run, undefined if it already finished. */
export async function markExecutionRunning(db: Db, id: string): Promise<Execution | undefined> {
  const [row] = await db
    .update(executions)
    .set({ status: "running", startedAt: new Date(), error: null })
    .where(and(eq(executions.id, id), inArray(executions.status, replaceable)))
    .returning();
  return row;
}

/** Records which runner was given the run (several runners: Stop must reach the one holding it). */
export async function setExecutionRunner(db: Db, id: string, runnerUrl: string): Promise<void> {
  await db.update(executions).set({ runnerUrl }).where(eq(executions.id, id));
}

/** The runner recorded for the run, or null when none was (not started, or before several runners). */
export async function getExecutionRunner(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ runnerUrl: executions.runnerUrl })
    .from(executions)
    .where(eq(executions.id, id))
    .limit(1);
  return row?.runnerUrl ?? null;
}

export async function saveExecutionResult(db: Db, id: string, result: ExecutionResult): Promise<boolean> {
  const rows = await db
    .update(executions)
    .set({ ...result, error: null, finishedAt: new Date() })
    .where(and(eq(executions.id, id), inArray(executions.status, replaceable)))
    .returning({ id: executions.id });
  return rows.length > 0;
}

/** Stops an unfinished run for good: no later step may restart or overwrite it. */
export async function cancelExecution(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(executions)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(executions.id, id), inArray(executions.status, ["queued", "running"] as ExecutionStatus[])))
    .returning({ id: executions.id });
  return rows.length > 0;
}

export async function failExecution(db: Db, id: string, reason: string): Promise<boolean> {
  const rows = await db
    .update(executions)
    .set({ status: "internal_error", error: reason.slice(0, 2000), finishedAt: new Date() })
    .where(and(eq(executions.id, id), inArray(executions.status, ["queued", "running"] as ExecutionStatus[])))
    .returning({ id: executions.id });
  return rows.length > 0;
}

export async function getExecutionsByIds(db: Db, ids: string[]): Promise<Execution[]> {
  if (ids.length === 0) return [];
  return db.select().from(executions).where(inArray(executions.id, ids));
}

export async function countExecutions(db: Db): Promise<number> {
  return db.$count(executions);
}

/** Withdraws a run that was stored but never dispatched (refused after all: busy or over quota). */
export async function deleteExecution(db: Db, id: string): Promise<void> {
  await db.delete(executions).where(and(eq(executions.id, id), eq(executions.status, "queued")));
}

/**
 * The files of a user's latest finished run other than `exceptId`: what their session sandbox saw last, so the
 * next run sends content only for files that changed since (the runner asks again for any it lacks).
 */
export async function getLastRunFiles(db: Db, userId: string, exceptId: string): Promise<ExecutionFile[] | null> {
  const [row] = await db
    .select({ files: executions.files })
    .from(executions)
    .where(and(eq(executions.userId, userId), ne(executions.id, exceptId), isNotNull(executions.finishedAt)))
    .orderBy(desc(executions.finishedAt))
    .limit(1);
  return row?.files ?? null;
}
