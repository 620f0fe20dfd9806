import "server-only";
import { cancelExecution, getExecution } from "@codeyard/drizzle";
import { executionCancelRequested } from "@codeyard/inngest";
import { getViewer } from "@/lib/auth/viewer";
import { Refusal } from "@/lib/server/http";
import { getDb, getDispatcher } from "@/lib/server/services";

/** Stops the caller's queued or running program. Another user's run reads as not found. */
export async function stopExecution(id: string): Promise<void> {
  const db = await getDb();
  const row = await getExecution(db, id);
  if (!row || (row.userId && row.userId !== (await getViewer())?.id)) throw new Refusal(404, "No run with this id.");
  if (!(await cancelExecution(db, id))) throw new Refusal(409, "This run has already finished.");
  // The event cancels the function's remaining steps and, through cancel-execution, kills the container.
  await getDispatcher().send(executionCancelRequested.create({ executionId: id }));
}
