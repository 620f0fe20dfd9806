import { createSubmission, failSubmission, getQueueStats } from "@codeyard/drizzle";
import { submissionRequested } from "@codeyard/inngest";
import { RunnerFile } from "@codeyard/runner/contract";
import { z } from "zod";
import { env } from "@/env";
import { getViewer } from "@/lib/auth/viewer";
import { getExercise } from "@/lib/curriculum/load";
import { busyMessage, estimateQueueWaitMs } from "@/lib/server/backpressure";
import { jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getQuota } from "@/lib/server/quota";
import { getDb, getDispatcher } from "@/lib/server/services";

const Body = z.object({
  exerciseId: z.string().min(1).max(200),
  files: z
    .array(RunnerFile)
    .min(1)
    .max(20)
    .refine((files) => files.some((f) => f.path === "main.py"), "submit a main.py"),
});

const unavailable = () =>
  jsonError(503, "Codeyard cannot check answers right now. Please try again in a moment.", { "retry-after": "5" });

// POST /api/submissions - grade the caller's answer to an exercise against its hidden tests
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/submissions");
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, "Sign up or sign in to submit your answer.");
  const body = await readJson(request, 2 * 1024 * 1024);
  if (!body.ok) return body.response;
  const input = Body.safeParse(body.value);
  if (!input.success) return jsonError(400, input.error.issues.map((i) => i.message).join("; "));
  const exercise = getExercise(input.data.exerciseId);
  if (!exercise) return jsonError(404, "No such exercise.");

  let db: Awaited<ReturnType<typeof getDb>>;
  try {
    db = await getDb();
    const waitMs = estimateQueueWaitMs(await getQueueStats(db), env.BACKPRESSURE_MIN_RUNS_PER_SECOND);
    if (waitMs > env.BACKPRESSURE_MAX_WAIT_MS) {
      return jsonError(503, busyMessage(waitMs), { "retry-after": String(Math.ceil(waitMs / 1000)) });
    }
  } catch (error) {
    log.error({ err: String(error) }, "database unavailable");
    return unavailable();
  }

  const decision = await getQuota().consume("submissions", { kind: "user", userId: viewer.id });
  if (!decision.ok) {
    const headers = { "retry-after": String(decision.retryAfterSeconds) };
    if (decision.reason === "unavailable") return jsonError(503, decision.message, headers);
    return Response.json({ error: decision.message, limit: decision.reason }, { status: 429, headers });
  }

  try {
    const row = await createSubmission(db, {
      userId: viewer.id,
      exerciseId: exercise.id,
      files: input.data.files,
      tests: exercise.tests,
    });
    try {
      await getDispatcher().send(
        submissionRequested.create({ submissionId: row.id, userId: viewer.id, concurrencyKey: `user:${viewer.id}` }),
      );
    } catch (error) {
      log.error({ submissionId: row.id, err: String(error) }, "could not queue submission");
      await failSubmission(db, row.id, "Could not queue your answer; please submit again.").catch(() => undefined);
      return unavailable();
    }
    log.info({ submissionId: row.id, exerciseId: exercise.id }, "submission queued");
    return Response.json({ id: row.id }, { status: 202 });
  } catch (error) {
    log.error({ err: String(error) }, "could not store submission");
    return unavailable();
  }
}
