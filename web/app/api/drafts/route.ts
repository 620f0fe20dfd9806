import { deleteDraft, saveDraft } from "@codeyard/drizzle";
import { maxFileBytes } from "@codeyard/runner/contract";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { getExercise } from "@/lib/curriculum/load";
import { jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

const Body = z.object({
  exerciseId: z.string().min(1).max(200),
  code: z.string().refine((c) => Buffer.byteLength(c) <= maxFileBytes, "code is larger than 64 KiB"),
});

const unavailable = () => jsonError(503, "Your work cannot be saved right now; keep this page open and try again.");

// PUT /api/drafts - save the editor's content for one exercise (the caller's own)
export async function PUT(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, "Sign in to save your work.");
  const body = await readJson(request, 4 * maxFileBytes);
  if (!body.ok) return body.response;
  const input = Body.safeParse(body.value);
  if (!input.success) return jsonError(400, input.error.issues.map((i) => i.message).join("; "));
  if (!getExercise(input.data.exerciseId)) return jsonError(404, "No such exercise.");
  try {
    await saveDraft(await getDb(), { userId: viewer.id, ...input.data });
    return new Response(null, { status: 204 });
  } catch (error) {
    requestLogger(request, "PUT /api/drafts").log.error({ err: String(error) }, "draft not saved");
    return unavailable();
  }
}

// DELETE /api/drafts?exerciseId=... - forget the saved draft ("Reset to starter")
export async function DELETE(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, "Sign in first.");
  const exerciseId = new URL(request.url).searchParams.get("exerciseId");
  if (!exerciseId || !getExercise(exerciseId)) return jsonError(404, "No such exercise.");
  try {
    await deleteDraft(await getDb(), viewer.id, exerciseId);
    return new Response(null, { status: 204 });
  } catch {
    return unavailable();
  }
}
