import { requireViewer } from "@/lib/auth/viewer";
import { Refusal, refusalResponse } from "@/lib/server/http";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { resetLesson } from "@/lib/workspaces/lesson";
import { toEntryView } from "@/lib/workspaces/view";

// POST /api/workspaces/:id/reset - put a lesson's files back to its starter files; answers the new tree
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await requireViewer("reset your work");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  try {
    const entries = await resetLesson(auth.viewer.id, id);
    return Response.json({ entries: entries.map(toEntryView) });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    return workspaceErrorResponse(error, "reset your work");
  }
}
