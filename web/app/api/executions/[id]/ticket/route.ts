import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { grantLiveTicket } from "@/lib/executions/live-ticket";
import { jsonError, Refusal, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

// POST /api/executions/:id/ticket - a short-lived ticket to watch a run live on the runner's socket
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return jsonError(404, "No run with this id.");
  const { log } = requestLogger(request, "POST /api/executions/:id/ticket");
  try {
    const grant = await grantLiveTicket(await getDb(), id, (await getViewer())?.id ?? null);
    return Response.json(grant, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    log.error({ executionId: id, err: error }, "could not grant a live ticket");
    return jsonError(503, "Codeyard cannot open live output right now. Please try again in a moment.", {
      "retry-after": "2",
    });
  }
}
