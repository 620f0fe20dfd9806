import { readFile, writeFile } from "@codeyard/drizzle";
import { requireViewer } from "@/lib/auth/viewer";
import { jsonError, readBody } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { maxWriteBodyBytes, WriteFileBody } from "@/lib/workspaces/request";

type Context = { params: Promise<{ id: string }> };

// GET /api/workspaces/:id/files?path=... - one file's content and version
export async function GET(request: Request, { params }: Context) {
  const auth = await requireViewer("open your files");
  if (!auth.ok) return auth.response;
  const path = new URL(request.url).searchParams.get("path");
  if (!path) return jsonError(400, "Say which file to open: ?path=main.py");
  const { id } = await params;
  try {
    const file = await readFile(await getDb(), { userId: auth.viewer.id, workspaceId: id }, path);
    if (!file) return jsonError(404, `There is no file "${path.slice(0, 200)}".`);
    return Response.json(file, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return workspaceErrorResponse(error, "open your files");
  }
}

// PUT /api/workspaces/:id/files - save a file { path, content, baseVersion }; 409 with the current content if stale
export async function PUT(request: Request, { params }: Context) {
  const auth = await requireViewer("save your work");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, WriteFileBody, maxWriteBodyBytes);
  if (!body.ok) return body.response;
  const { id } = await params;
  try {
    const saved = await writeFile(await getDb(), { userId: auth.viewer.id, workspaceId: id }, body.data);
    return Response.json(saved);
  } catch (error) {
    return workspaceErrorResponse(error, "save your work");
  }
}
