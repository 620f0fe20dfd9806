import { queueExecution } from "@/lib/executions/queue-execution";
import { CreateExecutionBody, maxBodyBytes } from "@/lib/executions/request";
import { describeZodError, jsonError, Refusal, readJson, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { requestSubject } from "@/lib/server/subject";
import { queueWorkspaceRun, WorkspaceRunBody } from "@/lib/workspaces/queue-workspace-run";

const isWorkspaceRun = (value: unknown) => typeof value === "object" && value !== null && "workspaceId" in value;

// POST /api/executions - queue a run: { language, code, stdin? } or a workspace's { workspaceId, entry, stdin? }
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/executions");
  const raw = await readJson(request, maxBodyBytes);
  if (!raw.ok) return raw.response;
  try {
    let id: string;
    if (isWorkspaceRun(raw.value)) {
      const body = WorkspaceRunBody.safeParse(raw.value);
      if (!body.success) return jsonError(400, describeZodError(body.error));
      id = await queueWorkspaceRun(body.data, await requestSubject(request));
    } else {
      const body = CreateExecutionBody.safeParse(raw.value);
      if (!body.success) return jsonError(400, describeZodError(body.error));
      id = await queueExecution(body.data, await requestSubject(request));
    }
    log.info({ executionId: id }, "execution queued");
    return Response.json({ id }, { status: 202 });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
