import { guestSessionPrefix } from "@codeyard/runner/contract";
import { eventType } from "inngest";
import { z } from "zod";

/** An anonymous visitor's guest: 128 random bits, base64url (the web app signs it into a cookie). */
export const GuestId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, "a guest id is 22 base64url characters");
export type GuestId = z.infer<typeof GuestId>;

// Every id a function needs travels in the event, so a replay from the dashboard is self-contained. Nothing
// else does: learners' code, output and exercises' tests stay in the database.
export const executionRequested = eventType("execution/requested", {
  schema: z.object({
    executionId: z.uuid(),
    userId: z.string().nullable(),
    // One run at a time per key: `user:<id>`, or `ip:<address>` for anonymous callers.
    concurrencyKey: z.string().min(1).max(200),
    // The browser will watch it live and type its input (no fixed stdin): stdin stays open, longer wall limit.
    // On the row too, so the requeue's re-send asks the runner for the same run.
    interactive: z.boolean().optional(),
    // An anonymous visitor's guest id (from their signed cookie): their runs share one guest session sandbox.
    // In the event, so a replay keeps it, and on the row, so the requeue's re-send keeps it too.
    guestId: GuestId.optional(),
  }),
});
export type ExecutionRequested = z.infer<typeof executionRequested.schema>;

/** The runner session a guest's runs share: namespaced, so it never equals a user id (a uuid). */
export const guestSessionKey = (guestId: string) => `${guestSessionPrefix}${guestId}`;

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
