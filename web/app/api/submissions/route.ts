import { mainFile, RunnerFile } from "@codeyard/runner/contract";
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { Refusal, readBody, refusalResponse } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { queueSubmission } from "@/lib/submissions/queue-submission";

const Body = z.object({
  exerciseId: z.string().min(1).max(200),
  files: z
    .array(RunnerFile)
    .min(1)
    .max(20, "an answer can have at most 20 files")
    .refine((files) => files.some((f) => Object.values(mainFile).includes(f.path)), "submit a main.py or main.js"),
  /** "Run examples": grade against the shown tests only, recording nothing. */
  examples: z.boolean({ error: "examples must be true or false" }).optional(),
});

// POST /api/submissions - grade the caller's answer to an exercise against its tests (or its examples only)
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/submissions");
  const auth = await requireViewer("submit your answer");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, Body, 2 * 1024 * 1024);
  if (!body.ok) return body.response;
  try {
    const id = await queueSubmission(auth.viewer, body.data);
    log.info(
      { submissionId: id, exerciseId: body.data.exerciseId, examples: body.data.examples ?? false },
      "submission queued",
    );
    return Response.json({ id }, { status: 202 });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
