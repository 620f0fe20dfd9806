import { z } from "zod";
import { stopExecution } from "@/lib/executions/cancel-execution";
import { jsonError, Refusal, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";

// POST /api/executions/:id/cancel - stop a queued or running program
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return jsonError(404, "No run with this id.");
  const { log } = requestLogger(request, "POST /api/executions/:id/cancel");
  try {
    await stopExecution(id);
    log.info({ executionId: id }, "execution cancelled");
    return Response.json({ id, status: "cancelled" });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    log.error({ executionId: id, err: error }, "could not cancel");
    return jsonError(503, "Codeyard cannot stop runs right now. Please try again in a moment.", { "retry-after": "2" });
  }
}
