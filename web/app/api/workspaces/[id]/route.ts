import { deleteProject, listEntries } from "@codeyard/drizzle";
import { requireViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/server/services";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { toEntryView, toWorkspaceView } from "@/lib/workspaces/view";

type Context = { params: Promise<{ id: string }> };

// GET /api/workspaces/:id - the workspace and its tree of files and folders (without contents)
export async function GET(_request: Request, { params }: Context) {
  const auth = await requireViewer("open your files");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  try {
    const { workspace, entries } = await listEntries(await getDb(), { userId: auth.viewer.id, workspaceId: id });
    return Response.json(
      { workspace: toWorkspaceView(workspace), entries: entries.map(toEntryView) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return workspaceErrorResponse(error, "open your files");
  }
}

// DELETE /api/workspaces/:id - delete a project with all its files (a lesson is reset instead)
export async function DELETE(_request: Request, { params }: Context) {
  const auth = await requireViewer("delete a project");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  try {
    await deleteProject(await getDb(), { userId: auth.viewer.id, workspaceId: id });
    return new Response(null, { status: 204 });
  } catch (error) {
    return workspaceErrorResponse(error, "delete this project");
  }
}
