import { eventType } from "inngest";
import { z } from "zod";

// Every id a function needs travels in the event, so a replay from the dashboard is self-contained.
export const executionRequested = eventType("execution/requested", {
  schema: z.object({
    executionId: z.string().uuid(),
    userId: z.string().nullable(),
    // One run at a time per key: `user:<id>`, or `ip:<address>` for anonymous callers.
    concurrencyKey: z.string().min(1).max(200),
  }),
});
export type ExecutionRequestedData = z.infer<typeof executionRequested.schema>;

export const executionCancelRequested = eventType("execution/cancel-requested", {
  schema: z.object({ executionId: z.string().uuid() }),
});

export const submissionRequested = eventType("submission/requested", {
  schema: z.object({
    submissionId: z.string().uuid(),
    userId: z.string().uuid(),
    concurrencyKey: z.string().min(1).max(200),
  }),
});
