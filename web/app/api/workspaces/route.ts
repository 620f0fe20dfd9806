import { listProjects } from "@codeyard/drizzle";
import { requireViewer } from "@/lib/auth/viewer";
import { readBody } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { createProject } from "@/lib/workspaces/projects";
import { CreateProjectBody } from "@/lib/workspaces/request";
import { toWorkspaceView } from "@/lib/workspaces/view";

// GET /api/workspaces - the caller's projects, most recently changed first
export async function GET() {
  const auth = await requireViewer("see your projects");
  if (!auth.ok) return auth.response;
  try {
    const projects = await listProjects(await getDb(), auth.viewer.id);
    return Response.json({ workspaces: projects.map(toWorkspaceView) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return workspaceErrorResponse(error, "list your projects");
  }
}

// POST /api/workspaces - create a project { name, language }
export async function POST(request: Request) {
  const auth = await requireViewer("create a project");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, CreateProjectBody, 4096);
  if (!body.ok) return body.response;
  try {
    const workspace = await createProject(auth.viewer.id, body.data);
    return Response.json({ workspace: toWorkspaceView(workspace) }, { status: 201 });
  } catch (error) {
    return workspaceErrorResponse(error, "create a project");
  }
}
