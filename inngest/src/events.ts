import { eventType } from "inngest";
import { z } from "zod";

// Every id a function needs travels in the event, so a replay from the dashboard is self-contained.
export const executionRequested = eventType("execution/requested", {
  schema: z.object({
    executionId: z.string().uuid(),
    userId: z.string().nullable(),
  }),
});

export type ExecutionRequestedData = z.infer<typeof executionRequested.schema>;
