import { createExecution, type Db, deleteExecution, failExecution, getQueueStats } from "@codeyard/drizzle";
import { executionRequested } from "@codeyard/inngest";
import { env } from "@/env";
import { CreateExecutionBody, maxBodyBytes } from "@/lib/executions/request";
import { busyMessage, estimateQueueWaitMs } from "@/lib/server/backpressure";
import { describeZodError as describeIssues, jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getQuota } from "@/lib/server/quota";
import { getDb, getDispatcher } from "@/lib/server/services";
import { concurrencyKey, requestSubject } from "@/lib/server/subject";

const unavailable = (what: string) =>
  jsonError(503, `Codeyard cannot ${what} right now. Please try again in a moment.`, { "retry-after": "5" });

/** A 503 when the estimated wait for a new run is over the limit, else null. */
async function queueTooLong(db: Db): Promise<Response | null> {
  const waitMs = estimateQueueWaitMs(await getQueueStats(db), env.BACKPRESSURE_MIN_RUNS_PER_SECOND);
  if (waitMs <= env.BACKPRESSURE_MAX_WAIT_MS) return null;
  const retryAfter = Math.ceil((waitMs - env.BACKPRESSURE_MAX_WAIT_MS) / 1000) + 1;
  return jsonError(503, busyMessage(waitMs), { "retry-after": String(retryAfter) });
}

// POST /api/executions - queue a run
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/executions");
  const body = await readJson(request, maxBodyBytes);
  if (!body.ok) return body.response;
  const input = CreateExecutionBody.safeParse(body.value);
  if (!input.success) return jsonError(400, describeIssues(input.error));
  const subject = await requestSubject(request);

  let db: Awaited<ReturnType<typeof getDb>>;
  let executionId: string;
  try {
    db = await getDb();
    // Backpressure before quota: a refusal because we are busy must not cost the learner a run.
    const busy = await queueTooLong(db);
    if (busy) return busy;
    const row = await createExecution(db, {
      userId: subject.kind === "user" ? subject.userId : null,
      language: input.data.language,
      files: [{ path: input.data.language === "python" ? "main.py" : "main.js", content: input.data.code }],
      stdin: input.data.stdin,
    });
    executionId = row.id;
    // Checked again with this run counted: concurrent requests all passing the first check must not
    // together build a queue longer than the limit.
    const stillBusy = await queueTooLong(db);
    if (stillBusy) {
      await deleteExecution(db, executionId);
      return stillBusy;
    }
  } catch (error) {
    log.error({ err: String(error) }, "database unavailable");
    return unavailable("save runs");
  }

  const decision = await getQuota().consume("runs", subject);
  if (!decision.ok) {
    await deleteExecution(db, executionId).catch(() => undefined);
    const headers = { "retry-after": String(decision.retryAfterSeconds) };
    if (decision.reason === "unavailable") return jsonError(503, decision.message, headers);
    return Response.json(
      { error: decision.message, limit: decision.reason, resetAt: decision.resetAt.toISOString() },
      { status: 429, headers },
    );
  }

  try {
    const data = {
      executionId,
      userId: subject.kind === "user" ? subject.userId : null,
      concurrencyKey: concurrencyKey(subject),
    };
    await getDispatcher().send(executionRequested.create(data));
  } catch (error) {
    log.error({ executionId, err: String(error) }, "could not queue execution");
    await failExecution(db, executionId, "could not queue the run").catch(() => undefined);
    return unavailable("queue runs");
  }
  log.info({ executionId }, "execution queued");
  return Response.json({ id: executionId }, { status: 202 });
}
