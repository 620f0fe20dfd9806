import { queueExecution } from "@/lib/executions/queue-execution";
import { CreateExecutionBody, maxBodyBytes } from "@/lib/executions/request";
import { describeZodError, jsonError, Refusal, readJson, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { guestCookie, guestOf, requestSubject } from "@/lib/server/subject";
import { queueWorkspaceRun, WorkspaceRunBody } from "@/lib/workspaces/queue-workspace-run";

const isWorkspaceRun = (value: unknown) => typeof value === "object" && value !== null && "workspaceId" in value;

// POST /api/executions - queue a run: { language, code, stdin? } or a workspace's { workspaceId, entry, stdin? }
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/executions");
  const raw = await readJson(request, maxBodyBytes);
  if (!raw.ok) return raw.response;
  try {
    let id: string;
    let newGuest: string | undefined;
    if (isWorkspaceRun(raw.value)) {
      const body = WorkspaceRunBody.safeParse(raw.value);
      if (!body.success) return jsonError(400, describeZodError(body.error));
      id = await queueWorkspaceRun(body.data, await requestSubject(request));
    } else {
      const body = CreateExecutionBody.safeParse(raw.value);
      if (!body.success) return jsonError(400, describeZodError(body.error));
      const subject = await requestSubject(request);
      // An anonymous visitor's runs share a guest session sandbox, found again by the cookie set on the first.
      const guest = subject.kind === "user" ? null : guestOf(request);
      id = await queueExecution(body.data, subject, guest?.id);
      if (guest?.fresh) newGuest = guestCookie(guest.id);
    }
    log.info({ executionId: id }, "execution queued");
    return Response.json({ id }, { status: 202, headers: newGuest ? { "set-cookie": newGuest } : {} });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
