import { getExecution } from "@codeyard/drizzle";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { toExecutionView } from "@/lib/executions/view";
import { jsonError } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

const notFound = () => jsonError(404, "No run with this id.");

// GET /api/executions/:id - a run's status and output
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const { log } = requestLogger(request, "GET /api/executions/:id");
  try {
    const row = await getExecution(await getDb(), id);
    // A signed-in user's runs are theirs alone; anonymous runs are reachable by their unguessable id.
    if (!row || (row.userId && row.userId !== (await getViewer())?.id)) return notFound();
    return Response.json(toExecutionView(row), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    log.error({ executionId: id, err: error }, "could not read execution");
    return jsonError(503, "Codeyard cannot read runs right now. Please try again in a moment.", { "retry-after": "2" });
  }
}
