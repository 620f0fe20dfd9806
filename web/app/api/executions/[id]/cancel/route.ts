import { cancelExecution, getExecution } from "@codeyard/drizzle";
import { executionCancelRequested } from "@codeyard/inngest";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { jsonError } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb, getDispatcher } from "@/lib/server/services";

// POST /api/executions/:id/cancel - stop a queued or running program
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return jsonError(404, "No run with this id.");
  const { log } = requestLogger(request, "POST /api/executions/:id/cancel");
  try {
    const db = await getDb();
    const row = await getExecution(db, id);
    if (!row || (row.userId && row.userId !== (await getViewer())?.id)) return jsonError(404, "No run with this id.");
    const cancelled = await cancelExecution(db, id);
    if (!cancelled) return jsonError(409, "This run has already finished.");
    // The event cancels the workflow's remaining steps and, through cancel-execution, kills the container.
    await getDispatcher().send(executionCancelRequested.create({ executionId: id }));
    log.info({ executionId: id }, "execution cancelled");
    return Response.json({ id, status: "cancelled" });
  } catch (error) {
    log.error({ executionId: id, err: error }, "could not cancel");
    return jsonError(503, "Codeyard cannot stop runs right now. Please try again in a moment.", { "retry-after": "2" });
  }
}
