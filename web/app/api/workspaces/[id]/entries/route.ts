import { createEntry, deleteEntry, listEntries, moveEntry } from "@codeyard/drizzle";
import { requireViewer } from "@/lib/auth/viewer";
import { readBody } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { CreateEntryBody, DeleteEntryBody, MoveEntryBody } from "@/lib/workspaces/request";
import { toEntryView } from "@/lib/workspaces/view";

type Context = { params: Promise<{ id: string }> };

// POST /api/workspaces/:id/entries - create an empty file or a folder { path, kind }
export async function POST(request: Request, { params }: Context) {
  const auth = await requireViewer("create files");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, CreateEntryBody, 4096);
  if (!body.ok) return body.response;
  const { id } = await params;
  try {
    const entry = await createEntry(await getDb(), { userId: auth.viewer.id, workspaceId: id }, body.data);
    return Response.json({ entry: toEntryView(entry) }, { status: 201 });
  } catch (error) {
    return workspaceErrorResponse(error, "create files");
  }
}

// PATCH /api/workspaces/:id/entries - rename or move a file or folder { from, to }; answers the new tree
export async function PATCH(request: Request, { params }: Context) {
  const auth = await requireViewer("rename files");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, MoveEntryBody, 4096);
  if (!body.ok) return body.response;
  const { id } = await params;
  const owner = { userId: auth.viewer.id, workspaceId: id };
  try {
    const db = await getDb();
    await moveEntry(db, owner, body.data);
    const { workspace, entries } = await listEntries(db, owner);
    return Response.json({ entry: workspace.entry, entries: entries.map(toEntryView) });
  } catch (error) {
    return workspaceErrorResponse(error, "rename files");
  }
}

// DELETE /api/workspaces/:id/entries - delete a file, or a folder with everything in it { path }
export async function DELETE(request: Request, { params }: Context) {
  const auth = await requireViewer("delete files");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, DeleteEntryBody, 4096);
  if (!body.ok) return body.response;
  const { id } = await params;
  try {
    await deleteEntry(await getDb(), { userId: auth.viewer.id, workspaceId: id }, body.data);
    return new Response(null, { status: 204 });
  } catch (error) {
    return workspaceErrorResponse(error, "delete files");
  }
}
