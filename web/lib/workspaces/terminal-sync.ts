import { createHash } from "node:crypto";
import {
  createEntry,
  type Db,
  deleteEntry,
  listEntries,
  listWorkspaceFiles,
  WorkspaceError,
  writeFile,
} from "@codeyard/drizzle";
import type { TerminalFilesClient } from "@codeyard/inngest";
import { maxTerminalFiles, type TerminalFileEntry } from "@codeyard/runner/contract";
import { z } from "zod";
import { WorkspaceId } from "./request";
import { type EntryView, toEntryView } from "./view";

// The terminal's file sync: the learner's saved workspace (Postgres) and their sandbox's /workspace (the
// runner, which holds no database) kept in step by a three-way merge against `base`, the path -> sha256 both
// sides last agreed on. The page holds `base` and calls this about once a second while the terminal is open.
// A file changed on one side only goes to the other; changed on both, the editor's version wins (it was saved
// on purpose). The first sync for a workspace (no base, or the sandbox holds another workspace's files) puts
// the saved files in the sandbox and removes the rest.

const Sha = z.string().regex(/^[0-9a-f]{64}$/);
export const TerminalSyncBody = z.object({
  workspaceId: WorkspaceId,
  base: z.record(z.string().max(200), Sha).nullable(),
});
export type TerminalSyncBody = z.infer<typeof TerminalSyncBody>;

export type SyncBase = Record<string, string>;

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

export function sha256(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

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

/** One round of the sync for this user's workspace; throws WorkspaceError (not theirs) or TerminalFilesError. */
export async function syncTerminal(
  db: Db,
  files: TerminalFilesClient,
  input: { userId: string; workspaceId: string; base: SyncBase | null },
): Promise<TerminalSyncAnswer> {
  const owner = { userId: input.userId, workspaceId: input.workspaceId };
  const manifest = await files.list(input.userId);
  if (!manifest.sandbox) return { sandbox: false };
  const [{ entries }, contents] = await Promise.all([listEntries(db, owner), listWorkspaceFiles(db, owner)]);
  const savedText = new Map(contents.map((f) => [f.path, f.content]));
  const saved = new Map(contents.map((f) => [f.path, sha256(f.content)]));
  const sandbox = new Map<string, string | null>(manifest.files.map((f: TerminalFileEntry) => [f.path, f.sha256]));
  // Another workspace's files (or none yet): start over from the saved files. A truncated listing is not trusted
  // for deletions either.
  const mine = manifest.tag === input.workspaceId;
  const base = mine ? input.base : null;
  const readOnly = new Set(entries.filter((e) => e.readOnly).map((e) => e.path));
  const plan = planSync(sandbox, saved, base, readOnly);
  if (manifest.truncated) plan.drop = [];
  const skipped: string[] = [];

  if (plan.push.length > 0 || plan.remove.length > 0 || !mine) {
    const write = plan.push.slice(0, maxTerminalFiles).map((path) => ({ path, content: savedText.get(path) ?? "" }));
    const answer = await files.write({
      userId: input.userId,
      write,
      remove: plan.remove.slice(0, maxTerminalFiles),
      tag: input.workspaceId,
    });
    skipped.push(...answer.failed);
  }

  const pulled: string[] = [];
  const versions = new Map(entries.map((e) => [e.path, e]));
  if (plan.pull.length > 0) {
    const read = await files.read(input.userId, plan.pull.slice(0, maxTerminalFiles));
    for (const file of read.files) {
      const entry = versions.get(file.path);
      try {
        if (entry?.kind === "file") {
          await writeFile(db, owner, { path: file.path, content: file.content, baseVersion: entry.version });
        } else if (!entry) {
          await createEntry(db, owner, { path: file.path, kind: "file", content: file.content });
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
      await deleteEntry(db, owner, { path });
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
  const answer: TerminalSyncAnswer = {
    sandbox: true,
    base: next,
    pulled,
    pushed: [...plan.push, ...plan.remove].filter((p) => !failed.has(p)),
    skipped,
  };
  if (pulled.length > 0) answer.entries = (await listEntries(db, owner)).entries.map(toEntryView);
  return answer;
}
