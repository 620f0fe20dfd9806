import "server-only";
import { type Db, type Execution, getExecution } from "@codeyard/drizzle";
import { inngestEnv, liveViewerOf, type RunnerAddress } from "@codeyard/inngest";
import { Refusal } from "@/lib/server/http";
import { grantRunnerSocket, type RunnerSocketGrant } from "@/lib/server/runner-ticket";

/**
 * The runner whose socket streams a run: the one that holds it (`runner_url`), or the only one. "waiting": not
 * handed to a runner yet (ask again shortly); "gone": no runner has it to show (its record is the answer).
 */
export function liveRunnerOf(
  row: Pick<Execution, "runnerUrl" | "status">,
  runners: RunnerAddress[],
): RunnerAddress | "waiting" | "gone" {
  if (runners.length === 1) return runners[0] as RunnerAddress;
  if (row.runnerUrl) return runners.find((r) => r.url === row.runnerUrl) ?? "gone";
  return row.status === "queued" || row.status === "running" ? "waiting" : "gone";
}

/**
 * A ticket to watch run `id` live and type its input, on the runner that holds it. A signed-in user's run is
 * theirs alone; an anonymous run belongs to whoever holds its id (as GET /api/executions/:id), and its ticket
 * names that run's viewer.
 */
export async function grantLiveTicket(
  db: Db,
  id: string,
  viewerId: string | null,
  runners: RunnerAddress[] = inngestEnv.runners,
): Promise<RunnerSocketGrant> {
  const row = await getExecution(db, id);
  if (!row || (row.userId && row.userId !== viewerId)) throw new Refusal(404, "No run with this id.");
  const runner = liveRunnerOf(row, runners);
  if (runner === "waiting")
    throw new Refusal(503, "The run is waiting for a sandbox: ask for its live view again in a moment.", {
      "retry-after": "1",
    });
  if (runner === "gone")
    throw new Refusal(409, "No runner holds this run now: the page shows its output from the record.");
  const grant = grantRunnerSocket({
    userId: liveViewerOf(row),
    scope: row.id,
    path: `/v1/live/${encodeURIComponent(row.id)}`,
    runner,
  });
  if (!grant)
    throw new Refusal(409, "Live output is switched off on this server: the page shows the output at the end.");
  return grant;
}
