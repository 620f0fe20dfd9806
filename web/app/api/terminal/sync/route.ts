import { createTerminalFilesClient, TerminalFilesError } from "@codeyard/inngest";
import { requireViewer } from "@/lib/auth/viewer";
import { jsonError, readBody } from "@/lib/server/http";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";
import { workspaceErrorResponse } from "@/lib/workspaces/errors";
import { syncWorkspaceTerminal, TerminalSyncBody } from "@/lib/workspaces/terminal-sync";

const files = createTerminalFilesClient();

// POST /api/terminal/sync - { workspaceId } one round of keeping the terminal's files and the saved ones in step
export async function POST(request: Request) {
  const auth = await requireViewer("use the terminal");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, TerminalSyncBody, 4 * 1024);
  if (!body.ok) return body.response;
  try {
    const answer = await syncWorkspaceTerminal(await getDb(), files, { userId: auth.viewer.id, ...body.data });
    return Response.json(answer, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof TerminalFilesError) {
      if (error.status === 409) return Response.json({ sandbox: false }, { headers: { "cache-control": "no-store" } });
      logger.warn({ err: error }, "terminal sync failed");
      return jsonError(503, "Your terminal's files could not be saved just now. Trying again…", { "retry-after": "2" });
    }
    return workspaceErrorResponse(error, "save your terminal's files");
  }
}
