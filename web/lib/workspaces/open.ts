import "server-only";
import { listEntries, readFile, type Workspace } from "@codeyard/drizzle";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";
import { openLesson } from "./lesson";
import { toEntryView } from "./view";

/** Everything the editor page needs to show a workspace at once: the tree and the entry file's content. */
export async function workspacePageData(userId: string, workspace: Workspace) {
  const db = await getDb();
  const owner = { userId, workspaceId: workspace.id };
  const { entries } = await listEntries(db, owner);
  const opened = (await readFile(db, owner, workspace.entry)) ?? null;
  return {
    workspaceId: workspace.id,
    title: workspace.name,
    entry: workspace.entry,
    entries: entries.map(toEntryView),
    opened,
  };
}

/** The lesson page's workspace for a signed-in learner, or null when the database cannot serve it now. */
export async function lessonPageData(userId: string, exerciseId: string) {
  try {
    return await workspacePageData(userId, await openLesson(userId, exerciseId));
  } catch (error) {
    logger.warn({ err: String(error), exerciseId }, "lesson workspace unavailable; showing the one-file editor");
    return null;
  }
}
