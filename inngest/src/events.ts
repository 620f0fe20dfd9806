import { eventType } from "inngest";
import { z } from "zod";

// Every id a function needs travels in the event, so a replay from the dashboard is self-contained. Nothing
// else does: learners' code, output and exercises' tests stay in the database.
export const executionRequested = eventType("execution/requested", {
  schema: z.object({
    executionId: z.uuid(),
    userId: z.string().nullable(),
    // One run at a time per key: `user:<id>`, or `ip:<address>` for anonymous callers.
    concurrencyKey: z.string().min(1).max(200),
    // The browser will watch it live and type its input (no fixed stdin): stdin stays open, longer wall limit.
    interactive: z.boolean().optional(),
  }),
});
export type ExecutionRequested = z.infer<typeof executionRequested.schema>;

export const executionCancelRequested = eventType("execution/cancel-requested", {
  schema: z.object({ executionId: z.uuid() }),
});
export type ExecutionCancelRequested = z.infer<typeof executionCancelRequested.schema>;

export const submissionRequested = eventType("submission/requested", {
  schema: z.object({
    submissionId: z.uuid(),
    userId: z.uuid(),
    concurrencyKey: z.string().min(1).max(200),
  }),
});
export type SubmissionRequested = z.infer<typeof submissionRequested.schema>;

// A reviewer claimed a request: the claim lapses at `expiresAt` unless the reviewer answered by then.
export const reviewClaimed = eventType("review/claimed", {
  schema: z.object({
    requestId: z.uuid(),
    claimId: z.uuid(),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
});
export type ReviewClaimed = z.infer<typeof reviewClaimed.schema>;

// A learner opened a terminal (or the sync loop continues as a new run): keep their sandbox's files saved.
export const terminalSyncRequested = eventType("terminal/sync-requested", {
  schema: z.object({ userId: z.string().min(1).max(200) }),
});
export type TerminalSyncRequested = z.infer<typeof terminalSyncRequested.schema>;
