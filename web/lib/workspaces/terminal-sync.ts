import { type Db, listEntries, type SyncBase } from "@codeyard/drizzle";
import { syncTerminal, type TerminalFilesClient, terminalSyncRequested } from "@codeyard/inngest";
import { z } from "zod";
import { logger } from "@/lib/server/logger";
import { getDispatcher } from "@/lib/server/services";
import { WorkspaceId } from "./request";
import { type EntryView, toEntryView } from "./view";

// The page's side of the terminal's file sync. The merge itself (and the base it merges against, kept in
// Postgres) is @codeyard/inngest's syncTerminal, shared with the sync-terminal-files function that saves the
// sandbox's files every 15 s with no page open.

export const TerminalSyncBody = z.object({ workspaceId: WorkspaceId });
export type TerminalSyncBody = z.infer<typeof TerminalSyncBody>;

export type TerminalSyncAnswer =
  | { sandbox: false }
  | {
      sandbox: true;
      base: SyncBase;
      /** Files the terminal changed that are now saved (the explorer and open tabs reload them). */
      pulled: string[];
      /** Files the editor changed that are now in the sandbox. */
      pushed: string[];
      /** Files that could not be saved or written (too large, not text, read-only, over a limit). */
      skipped: string[];
      entries?: EntryView[];
    };

/** One round for this user's workspace; throws WorkspaceError (not theirs) or TerminalFilesError. */
export async function syncWorkspaceTerminal(
  db: Db,
  files: TerminalFilesClient,
  input: { userId: string; workspaceId: string },
): Promise<TerminalSyncAnswer> {
  const result = await syncTerminal(db, files, input);
  if (!result.sandbox) return result;
  const { base, pulled, pushed, skipped } = result;
  const answer: TerminalSyncAnswer = { sandbox: true, base, pulled, pushed, skipped };
  if (pulled.length > 0) answer.entries = (await listEntries(db, input)).entries.map(toEntryView);
  return answer;
}

/** Starts (or restarts) the server's save loop for this learner's sandbox; the terminal works without it. */
export async function startTerminalSync(userId: string): Promise<void> {
  await getDispatcher()
    .send(terminalSyncRequested.create({ userId }))
    .catch((error: unknown) => logger.warn({ err: error }, "the terminal's save loop could not be started"));
}
