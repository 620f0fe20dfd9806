import { terminalTicketScope } from "@codeyard/runner/contract";
import { requireViewer } from "@/lib/auth/viewer";
import { jsonError } from "@/lib/server/http";
import { grantRunnerSocket } from "@/lib/server/runner-ticket";
import { getRunnerFleet } from "@/lib/server/services";
import { startTerminalSync } from "@/lib/workspaces/terminal-sync";

// POST /api/terminal - a short-lived ticket and the address of the signed-in learner's terminal socket; starts the
// server's loop that saves the sandbox's files
export async function POST() {
  const auth = await requireViewer("use the terminal");
  if (!auth.ok) return auth.response;
  // The terminal opens in the learner's session sandbox, on the runner their runs go to.
  const runner = await getRunnerFleet().homeOf(auth.viewer.id);
  const grant = grantRunnerSocket({ userId: auth.viewer.id, scope: terminalTicketScope, path: "/v1/terminal", runner });
  if (!grant) return jsonError(503, "The terminal is switched off on this server (RUNNER_TICKET_KEY is not set).");
  await startTerminalSync(auth.viewer.id);
  return Response.json(grant, { headers: { "cache-control": "no-store" } });
}
