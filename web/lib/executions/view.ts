// The answers of the executions API as zod schemas: the route handlers build them, the browser parses them.
// Browser-safe: nothing here imports server code (drizzle only as a type).
import type { Execution } from "@codeyard/drizzle";
import { RunImage, runStatuses } from "@codeyard/runner/contract";
import { z } from "zod";

/** A run's status: waiting or in the sandbox, then one of the runner's final statuses. */
export const executionStatuses = ["queued", "running", ...runStatuses] as const;
export const ExecutionStatus = z.enum(executionStatuses);
export type ExecutionStatus = z.infer<typeof ExecutionStatus>;

const timestamp = z.iso.datetime();

/** What GET /api/executions/:id answers: no files, stdin or owner. */
export const ExecutionView = z.object({
  id: z.uuid(),
  status: ExecutionStatus,
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  wallMs: z.number().int().nullable(),
  truncated: z.boolean(),
  cpuMs: z.number().int().nullable(),
  memoryKib: z.number().int().nullable(),
  images: z.array(RunImage),
  /** Why the run could not run; only for internal_error. */
  error: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type ExecutionView = z.infer<typeof ExecutionView>;

export function toExecutionView(row: Execution): ExecutionView {
  return {
    id: row.id,
    status: row.status,
    stdout: row.stdout,
    stderr: row.stderr,
    exitCode: row.exitCode,
    signal: row.signal,
    wallMs: row.wallMs,
    truncated: row.truncated,
    cpuMs: row.cpuMs,
    memoryKib: row.memoryKib,
    images: row.images,
    error: row.status === "internal_error" ? row.error : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** The 202 of POST /api/executions and POST /api/submissions: the id to follow. */
export const AcceptedView = z.object({ id: z.uuid() });
export type AcceptedView = z.infer<typeof AcceptedView>;

/**
 * Which limit refused a request (429): the minute's or the day's quota, which reset at `resetAt`, or
 * too much work still outstanding (queued or running), which frees up when some of it ends.
 */
const refusalLimits = ["minute", "day", "outstanding"] as const;
export const RefusalLimit = z.enum(refusalLimits);
export type RefusalLimit = z.infer<typeof RefusalLimit>;

/** Body of every error answer of the API: one sentence for a person, and for a 429 which limit said no. */
export const ErrorView = z.object({
  error: z.string().trim().min(1),
  limit: RefusalLimit.optional(),
  resetAt: timestamp.optional(),
});
export type ErrorView = z.infer<typeof ErrorView>;

/** What POST /api/executions/:id/ticket answers: the runner socket to open (ticket included) and its expiry. */
export const LiveTicketView = z.object({ url: z.string().startsWith("ws"), expiresAt: z.number() });
export type LiveTicketView = z.infer<typeof LiveTicketView>;
