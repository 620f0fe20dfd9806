import { deleteDraft, saveDraft } from "@codeyard/drizzle";
import { maxFileBytes } from "@codeyard/runner/contract";
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { getExercise } from "@/lib/curriculum/load";
import { jsonError, readBody } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

const Body = z.object({
  exerciseId: z.string().min(1).max(200),
  code: z.string().refine((c) => Buffer.byteLength(c) <= maxFileBytes, "code is larger than 64 KiB"),
});

const unavailable = () => jsonError(503, "Your work cannot be saved right now; keep this page open and try again.");

// PUT /api/drafts - save the editor's content for one exercise (the caller's own)
export async function PUT(request: Request) {
  const auth = await requireViewer("save your work");
  if (!auth.ok) return auth.response;
  const input = await readBody(request, Body, 4 * maxFileBytes);
  if (!input.ok) return input.response;
  if (!getExercise(input.data.exerciseId)) return jsonError(404, "No such exercise.");
  try {
    await saveDraft(await getDb(), { userId: auth.viewer.id, ...input.data });
    return new Response(null, { status: 204 });
  } catch (error) {
    requestLogger(request, "PUT /api/drafts").log.error({ err: error }, "draft not saved");
    return unavailable();
  }
}

// DELETE /api/drafts?exerciseId=... - forget the saved draft ("Reset to starter")
export async function DELETE(request: Request) {
  const auth = await requireViewer("reset your work");
  if (!auth.ok) return auth.response;
  const exerciseId = new URL(request.url).searchParams.get("exerciseId");
  if (!exerciseId || !getExercise(exerciseId)) return jsonError(404, "No such exercise.");
  try {
    await deleteDraft(await getDb(), auth.viewer.id, exerciseId);
    return new Response(null, { status: 204 });
  } catch (error) {
    requestLogger(request, "DELETE /api/drafts").log.error({ err: error }, "draft not deleted");
    return unavailable();
  }
}
