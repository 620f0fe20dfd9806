import "server-only";
import { type Db, getExecution } from "@codeyard/drizzle";
import { liveViewerOf } from "@codeyard/inngest";
import { Refusal } from "@/lib/server/http";
import { grantRunnerSocket, type RunnerSocketGrant } from "@/lib/server/runner-ticket";

/**
 * A ticket to watch run `id` live and type its input. A signed-in user's run is theirs alone; an anonymous
 * run belongs to whoever holds its id (as GET /api/executions/:id), and its ticket names that run's viewer.
 */
export async function grantLiveTicket(db: Db, id: string, viewerId: string | null): Promise<RunnerSocketGrant> {
  const row = await getExecution(db, id);
  if (!row || (row.userId && row.userId !== viewerId)) throw new Refusal(404, "No run with this id.");
  const grant = grantRunnerSocket({
    userId: liveViewerOf(row),
    scope: row.id,
    path: `/v1/live/${encodeURIComponent(row.id)}`,
  });
  if (!grant)
    throw new Refusal(409, "Live output is switched off on this server: the page shows the output at the end.");
  return grant;
}
