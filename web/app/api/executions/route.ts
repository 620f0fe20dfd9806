import { queueExecution } from "@/lib/executions/queue-execution";
import { CreateExecutionBody, maxBodyBytes } from "@/lib/executions/request";
import { Refusal, readBody, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { requestSubject } from "@/lib/server/subject";

// POST /api/executions - queue a run
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/executions");
  const body = await readBody(request, CreateExecutionBody, maxBodyBytes);
  if (!body.ok) return body.response;
  try {
    const id = await queueExecution(body.data, await requestSubject(request));
    log.info({ executionId: id }, "execution queued");
    return Response.json({ id }, { status: 202 });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
