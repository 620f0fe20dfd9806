import { createHash } from "node:crypto";
import {
  createEntry,
  type Db,
  deleteEntry,
  getSyncBase,
  listEntries,
  listWorkspaceFiles,
  type SyncBase,
  saveSyncBase,
  WorkspaceError,
  withTerminalSyncLock,
  writeFile,
} from "@codeyard/drizzle";
import { maxTerminalFiles, type TerminalFileEntry } from "@codeyard/runner/contract";
import type { TerminalFilesClient } from "./terminal-client";

// The terminal's file sync: the learner's saved workspace (Postgres) and their sandbox's /workspace (the
// runner, which holds no database) kept in step by a three-way merge against a base, the path -> sha256 both
// sides last agreed on, stored per (user, workspace). The page runs a round about once a second while its
// terminal is open; the sync-terminal-files function runs one every 15 s while the user has a sandbox, so
// files are saved with no browser open. A file changed on one side only goes to the other; changed on both,
// the editor's version wins (it was saved on purpose). The first sync of a sandbox for a workspace (it holds
// another workspace's files, or none yet) puts the saved files in it and removes the rest.

export function sha256(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

export type { SyncBase };

export interface SyncPlan {
  /** Saved file -> sandbox. */
  push: string[];
  /** Remove from the sandbox. */
  remove: string[];
  /** Sandbox file -> saved (create or overwrite). */
  pull: string[];
  /** Delete from the saved workspace. */
  drop: string[];
}

/**
 * What to do for each path, given the sandbox's (null: present but not syncable) and the saved files' sha256s.
 * `base` null: mirror the saved files into the sandbox.
 */
export function planSync(
  sandbox: ReadonlyMap<string, string | null>,
  saved: ReadonlyMap<string, string>,
  base: SyncBase | null,
  readOnly: ReadonlySet<string> = new Set(),
): SyncPlan {
  const plan: SyncPlan = { push: [], remove: [], pull: [], drop: [] };
  for (const path of new Set([...sandbox.keys(), ...saved.keys()])) {
    const r = sandbox.get(path);
    const d = saved.get(path);
    if (r === null) continue;
    if (base === null) {
      if (d !== undefined && r !== d) plan.push.push(path);
      else if (d === undefined && r !== undefined) plan.remove.push(path);
      continue;
    }
    const b = base[path];
    if (r === d) continue;
    const savedChanged = d !== b;
    const sandboxChanged = r !== b;
    if (savedChanged || readOnly.has(path)) {
      if (d === undefined) plan.remove.push(path);
      else plan.push.push(path);
    } else if (sandboxChanged) {
      if (r === undefined) plan.drop.push(path);
      else plan.pull.push(path);
    }
  }
  return plan;
}

export type TerminalSyncResult =
  | { sandbox: false }
  | {
      sandbox: true;
      /** The workspace synced; null when the sandbox holds no workspace's files yet (nothing to save). */
      workspaceId: string | null;
      base: SyncBase;
      /** Files the terminal changed that are now saved. */
      pulled: string[];
      /** Files the editor changed that are now in the sandbox. */
      pushed: string[];
      /** Files that could not be saved or written (too large, not text, read-only, over a limit). */
      skipped: string[];
    };

/**
 * One round of the sync for this user, under their sync lock. With `workspaceId` (the page) that workspace is
 * put in the sandbox if it holds another; without it (the server's loop) the workspace the sandbox holds is
 * synced, and a sandbox holding none is left alone. Throws WorkspaceError (not theirs) or TerminalFilesError.
 */
export async function syncTerminal(
  db: Db,
  files: TerminalFilesClient,
  input: { userId: string; workspaceId?: string },
): Promise<TerminalSyncResult> {
  return withTerminalSyncLock(db, input.userId, async (tx) => {
    const manifest = await files.list(input.userId);
    if (!manifest.sandbox) return { sandbox: false };
    const workspaceId = input.workspaceId ?? manifest.tag;
    if (workspaceId === null) return { sandbox: true, workspaceId, base: {}, pulled: [], pushed: [], skipped: [] };
    return syncRound(tx, files, { userId: input.userId, workspaceId }, manifest);
  });
}

async function syncRound(
  tx: Db,
  files: TerminalFilesClient,
  owner: { userId: string; workspaceId: string },
  manifest: { files: TerminalFileEntry[]; truncated: boolean; tag: string | null },
): Promise<TerminalSyncResult & { sandbox: true }> {
  const [{ entries }, contents] = await Promise.all([listEntries(tx, owner), listWorkspaceFiles(tx, owner)]);
  const savedText = new Map(contents.map((f) => [f.path, f.content]));
  const saved = new Map(contents.map((f) => [f.path, sha256(f.content)]));
  const sandbox = new Map<string, string | null>(manifest.files.map((f) => [f.path, f.sha256]));
  // Another workspace's files (or none yet): start over from the saved files. The sandbox holds this one's
  // but no base was stored (a base from before bases were kept): merge as if nothing had been agreed, which
  // keeps every file of both sides. A truncated listing is not trusted for deletions either.
  const mine = manifest.tag === owner.workspaceId;
  const base = mine ? ((await getSyncBase(tx, owner)) ?? {}) : null;
  const readOnly = new Set(entries.filter((e) => e.readOnly).map((e) => e.path));
  const plan = planSync(sandbox, saved, base, readOnly);
  if (manifest.truncated) plan.drop = [];
  const skipped: string[] = [];

  if (plan.push.length > 0 || plan.remove.length > 0 || !mine) {
    const write = plan.push.slice(0, maxTerminalFiles).map((path) => ({ path, content: savedText.get(path) ?? "" }));
    const answer = await files.write({
      userId: owner.userId,
      write,
      remove: plan.remove.slice(0, maxTerminalFiles),
      tag: owner.workspaceId,
    });
    skipped.push(...answer.failed);
  }

  const pulled: string[] = [];
  const versions = new Map(entries.map((e) => [e.path, e]));
  if (plan.pull.length > 0) {
    const read = await files.read(owner.userId, plan.pull.slice(0, maxTerminalFiles));
    for (const file of read.files) {
      const entry = versions.get(file.path);
      try {
        if (entry?.kind === "file") {
          await writeFile(tx, owner, { path: file.path, content: file.content, baseVersion: entry.version });
        } else if (!entry) {
          await createEntry(tx, owner, { path: file.path, kind: "file", content: file.content });
        } else throw new WorkspaceError("invalid", "a folder has this name");
        saved.set(file.path, sha256(file.content));
        pulled.push(file.path);
      } catch (error) {
        if (!(error instanceof WorkspaceError)) throw error;
        skipped.push(file.path);
      }
    }
  }
  for (const path of plan.drop) {
    try {
      await deleteEntry(tx, owner, { path });
      saved.delete(path);
      pulled.push(path);
    } catch (error) {
      if (!(error instanceof WorkspaceError)) throw error;
      skipped.push(path);
    }
  }

  // The new base: what both sides now hold. A path skipped keeps its old base, so it is tried again.
  const next: SyncBase = {};
  const failed = new Set(skipped);
  for (const [path, sha] of saved) {
    if (failed.has(path)) {
      const old = base?.[path];
      if (old) next[path] = old;
    } else next[path] = sha;
  }
  await saveSyncBase(tx, owner, next);
  return {
    sandbox: true,
    workspaceId: owner.workspaceId,
    base: next,
    pulled,
    pushed: [...plan.push, ...plan.remove].filter((p) => !failed.has(p)),
    skipped,
  };
}
