import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { terminalSyncBases } from "../schema";
import type { WorkspaceOwner } from "./workspaces";

/** Path -> sha256 of each file a user's sandbox and a saved workspace last agreed on. */
export type SyncBase = Record<string, string>;

/**
 * Runs `work` in a transaction holding the user's terminal-sync lock (a transaction-scoped advisory lock), so
 * the page's sync and the server's never interleave for one user, whichever process or machine runs them.
 */
export async function withTerminalSyncLock<T>(db: Db, userId: string, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`terminal-sync:${userId}`}, 0))`);
    return work(tx);
  });
}

export async function getSyncBase(db: Db, owner: WorkspaceOwner): Promise<SyncBase | null> {
  const [row] = await db
    .select({ base: terminalSyncBases.base })
    .from(terminalSyncBases)
    .where(and(eq(terminalSyncBases.userId, owner.userId), eq(terminalSyncBases.workspaceId, owner.workspaceId)));
  return row?.base ?? null;
}

export async function saveSyncBase(db: Db, owner: WorkspaceOwner, base: SyncBase): Promise<void> {
  await db
    .insert(terminalSyncBases)
    .values({ ...owner, base })
    .onConflictDoUpdate({
      target: [terminalSyncBases.userId, terminalSyncBases.workspaceId],
      set: { base, updatedAt: new Date() },
    });
}
