import { type Db, WorkspaceError } from "@codeyard/drizzle";
import { inngest } from "../client";
import { durable, type FunctionContext } from "../durable";
import { type TerminalSyncRequested, terminalSyncRequested } from "../events";
import { logger } from "../logger";
import { type TerminalFilesClient, TerminalFilesError } from "../terminal-client";
import { syncTerminal } from "../terminal-sync";

/** How often the files of a learner's sandbox are saved with no browser watching (the 30 s bound is twice it). */
export const terminalSyncPeriodMs = 15_000;
/** Rounds per run before the loop continues as a new run, so no run's step history grows without bound. */
export const terminalSyncRounds = 40;
/** Rounds in a row the runner may fail to answer before the loop gives up (the next terminal open restarts it). */
const unreachableRounds = 8;

type Round = { sandbox: boolean; saved: number; unreachable?: boolean };

// sync-terminal-files: while a learner has a sandbox, save its files every 15 s whether or not a page is open,
// so a sandbox reaped or lost costs at most 30 s of work. One loop per user: a new terminal/sync-requested
// cancels the running one (cancelOn) and waits for it to stop (concurrency 1 per user), so a re-open neither
// doubles the loop nor leaves none. Each round is one step that syncs against the base stored in Postgres
// under the user's sync lock, so a replayed or retried step merges again and cannot lose or duplicate a file.
// Steps carry counts only, never file names or contents.
export function createSyncTerminalFiles(deps: {
  getDb: () => Promise<Db>;
  files: TerminalFilesClient;
  periodMs?: number;
  rounds?: number;
}) {
  const periodMs = deps.periodMs ?? terminalSyncPeriodMs;
  const rounds = deps.rounds ?? terminalSyncRounds;
  const handler = async ({ event, step }: FunctionContext<TerminalSyncRequested>) => {
    const { userId } = event.data;
    let failures = 0;
    for (let i = 0; i < rounds; i++) {
      await step.sleep(`wait-${i}`, periodMs);
      const round: Round = await step.run(`pull-${i}`, async () => {
        try {
          const answer = await syncTerminal(await deps.getDb(), deps.files, { userId });
          return answer.sandbox ? { sandbox: true, saved: answer.pulled.length } : { sandbox: false, saved: 0 };
        } catch (error) {
          if (error instanceof TerminalFilesError && error.status === 409) return { sandbox: false, saved: 0 };
          // The workspace the sandbox holds was deleted (or its tag names none of theirs): nothing to save.
          if (error instanceof WorkspaceError) return { sandbox: true, saved: 0 };
          // A runner that does not answer now may answer later; a step retry would not wait long enough.
          if (error instanceof TerminalFilesError && (error.status === 0 || error.status >= 500)) {
            logger.warn({ userId, err: error }, "terminal files could not be synced");
            return { sandbox: true, saved: 0, unreachable: true };
          }
          throw error;
        }
      });
      if (!round.sandbox) return { userId, rounds: i + 1, ended: "no sandbox" as const };
      failures = round.unreachable ? failures + 1 : 0;
      if (failures >= unreachableRounds) return { userId, rounds: i + 1, ended: "runner unreachable" as const };
    }
    await step.sendEvent("continue", { name: terminalSyncRequested.name, data: { userId } });
    return { userId, rounds, ended: "continued" as const };
  };
  const fn = inngest.createFunction(
    {
      id: "sync-terminal-files",
      triggers: [terminalSyncRequested],
      retries: 3,
      concurrency: [{ limit: 1, key: "event.data.userId" }],
      cancelOn: [{ event: terminalSyncRequested.name, match: "data.userId" }],
    },
    handler,
  );
  return durable({ fn, trigger: terminalSyncRequested, handler });
}
