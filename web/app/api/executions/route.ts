import { createExecution, failExecution } from "@codeyard/drizzle";
import { executionRequested } from "@codeyard/inngest";
import { CreateExecutionBody, describeIssues, maxBodyBytes } from "@/lib/executions/request";
import { jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb, getDispatcher } from "@/lib/server/services";

// POST /api/executions - queue a run
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/executions");
  const body = await readJson(request, maxBodyBytes);
  if (!body.ok) return body.response;
  const input = CreateExecutionBody.safeParse(body.value);
  if (!input.success) return jsonError(400, describeIssues(input.error));

  let db: Awaited<ReturnType<typeof getDb>>;
  let executionId: string;
  try {
    db = await getDb();
    const row = await createExecution(db, {
      language: input.data.language,
      files: [{ path: "main.py", content: input.data.code }],
      stdin: input.data.stdin,
    });
    executionId = row.id;
  } catch (error) {
    log.error({ err: String(error) }, "could not store execution");
    return jsonError(503, "Codeyard cannot save runs right now. Please try again in a moment.", { "retry-after": "5" });
  }

  try {
    await getDispatcher().send(executionRequested.create({ executionId, userId: null }));
  } catch (error) {
    log.error({ executionId, err: String(error) }, "could not queue execution");
    await failExecution(db, executionId, "could not queue the run").catch(() => undefined);
    return jsonError(503, "Codeyard cannot queue runs right now. Please try again in a moment.", {
      "retry-after": "5",
    });
  }
  log.info({ executionId }, "execution queued");
  return Response.json({ id: executionId }, { status: 202 });
}
