import { and, count, eq, inArray, or, sql, sum } from "drizzle-orm";
import type { Db } from "../client";
import { type EntryKind, type Workspace, workspaceEntries, workspaceLimits } from "../schema";
import { byteLength, checkPath, isWithin, parentsOf, WorkspaceError } from "./workspace-paths";
import {
  checkLimits,
  type EntrySummary,
  entrySummary,
  getWorkspace,
  lockWorkspace,
  nextRevision,
  notFound,
  type WorkspaceOwner,
} from "./workspaces";

const quote = (path: string) => `"${path}"`;

/** The entry at `path` and everything inside it when it is a folder. */
function withinPath(workspaceId: string, path: string) {
  return and(
    eq(workspaceEntries.workspaceId, workspaceId),
    or(eq(workspaceEntries.path, path), sql`starts_with(${workspaceEntries.path}, ${`${path}/`})`),
  );
}

async function usage(tx: Db, workspaceId: string): Promise<{ entries: number; bytes: number }> {
  const [row] = await tx
    .select({ entries: count(), bytes: sum(workspaceEntries.size) })
    .from(workspaceEntries)
    .where(eq(workspaceEntries.workspaceId, workspaceId));
  return { entries: row?.entries ?? 0, bytes: Number(row?.bytes ?? 0) };
}

/** Refuses a path that exists or sits below a file; answers the folders that must be made for it. */
async function missingParents(tx: Db, workspace: Workspace, path: string): Promise<string[]> {
  const parents = parentsOf(path);
  const found = await tx
    .select({ path: workspaceEntries.path, kind: workspaceEntries.kind })
    .from(workspaceEntries)
    .where(and(eq(workspaceEntries.workspaceId, workspace.id), inArray(workspaceEntries.path, [path, ...parents])));
  if (found.some((e) => e.path === path)) throw new WorkspaceError("exists", `${quote(path)} already exists.`);
  const file = found.find((e) => e.kind === "file");
  if (file) throw new WorkspaceError("invalid", `${quote(file.path)} is a file, so nothing can go inside it.`);
  const have = new Set(found.map((e) => e.path));
  return parents.filter((p) => !have.has(p));
}

/** Creates a file (empty unless content is given) or a folder, with any folders it needs. */
export async function createEntry(
  db: Db,
  owner: WorkspaceOwner,
  input: { path: string; kind: EntryKind; content?: string },
): Promise<EntrySummary> {
  const path = checkPath(input.path);
  const content = input.kind === "file" ? (input.content ?? "") : null;
  const size = content === null ? 0 : byteLength(content);
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, owner);
    const folders = await missingParents(tx, workspace, path);
    const used = await usage(tx, workspace.id);
    checkLimits(used.entries + folders.length + 1, used.bytes + size, size);
    const version = await nextRevision(tx, workspace);
    const rows = [
      ...folders.map((p) => ({ path: p, kind: "folder" as const, content: null, size: 0 })),
      { path, kind: input.kind, content, size },
    ];
    await tx.insert(workspaceEntries).values(rows.map((r) => ({ ...r, version, workspaceId: workspace.id })));
    return { path, kind: input.kind, version, size, readOnly: false };
  });
}

/** Renames or moves a file or folder (with everything inside); the workspace's entry file follows it. */
export async function moveEntry(db: Db, owner: WorkspaceOwner, input: { from: string; to: string }): Promise<void> {
  const from = checkPath(input.from);
  const to = checkPath(input.to);
  if (from === to) return;
  await db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, owner);
    const moving = await tx.select(entrySummary).from(workspaceEntries).where(withinPath(workspace.id, from));
    const source = moving.find((e) => e.path === from);
    if (!source) throw new WorkspaceError("not_found", `There is no ${quote(from)} in this workspace.`);
    if (source.kind === "folder" && isWithin(to, from)) {
      throw new WorkspaceError("invalid", `A folder cannot be moved into itself.`);
    }
    const locked = moving.find((e) => e.readOnly);
    if (locked) throw readOnly(locked.path);
    const folders = await missingParents(tx, workspace, to);
    const used = await usage(tx, workspace.id);
    checkLimits(used.entries + folders.length, used.bytes);
    const entry = isWithin(workspace.entry, from) ? to + workspace.entry.slice(from.length) : workspace.entry;
    const version = await nextRevision(tx, workspace, { entry });
    if (folders.length > 0) {
      await tx
        .insert(workspaceEntries)
        .values(folders.map((p) => ({ path: p, kind: "folder" as const, version, workspaceId: workspace.id })));
    }
    await tx
      .update(workspaceEntries)
      .set({
        path: sql`${to} || substr(${workspaceEntries.path}, char_length(${from}) + 1)`,
        version,
        updatedAt: new Date(),
      })
      .where(withinPath(workspace.id, from));
  });
}

/** Deletes a file, or a folder with everything inside it. */
export async function deleteEntry(db: Db, owner: WorkspaceOwner, input: { path: string }): Promise<void> {
  const path = checkPath(input.path);
  await db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, owner);
    const doomed = await tx.select(entrySummary).from(workspaceEntries).where(withinPath(workspace.id, path));
    if (!doomed.some((e) => e.path === path)) {
      throw new WorkspaceError("not_found", `There is no ${quote(path)} in this workspace.`);
    }
    const locked = doomed.find((e) => e.readOnly);
    if (locked) throw readOnly(locked.path);
    await nextRevision(tx, workspace);
    await tx.delete(workspaceEntries).where(withinPath(workspace.id, path));
  });
}

/** A file with its content, or undefined when the workspace is not the owner's or has no such file. */
export async function readFile(
  db: Db,
  owner: WorkspaceOwner,
  path: string,
): Promise<{ path: string; content: string; version: number; readOnly: boolean } | undefined> {
  const workspace = await getWorkspace(db, owner);
  if (!workspace) throw notFound();
  const [row] = await db
    .select()
    .from(workspaceEntries)
    .where(and(eq(workspaceEntries.workspaceId, workspace.id), eq(workspaceEntries.path, path)));
  if (row?.kind !== "file") return undefined;
  return { path: row.path, content: row.content ?? "", version: row.version, readOnly: row.readOnly };
}

/**
 * Saves a file's content if it is still at `baseVersion`; otherwise throws a stale WorkspaceError carrying
 * the current content and version, so the learner can choose between theirs and the saved one.
 */
export async function writeFile(
  db: Db,
  owner: WorkspaceOwner,
  input: { path: string; content: string; baseVersion: number },
): Promise<{ version: number }> {
  const path = checkPath(input.path);
  const size = byteLength(input.content);
  if (size > workspaceLimits.fileBytes) checkLimits(0, 0, size);
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, owner);
    const [row] = await tx
      .select()
      .from(workspaceEntries)
      .where(and(eq(workspaceEntries.workspaceId, workspace.id), eq(workspaceEntries.path, path)));
    if (row?.kind !== "file") throw new WorkspaceError("not_found", `There is no file ${quote(path)}.`);
    if (row.readOnly) throw readOnly(path);
    if (row.version !== input.baseVersion) {
      throw new WorkspaceError("stale", `${quote(path)} changed since you opened it.`, {
        content: row.content ?? "",
        version: row.version,
      });
    }
    const used = await usage(tx, workspace.id);
    checkLimits(used.entries, used.bytes - row.size + size, size);
    const version = await nextRevision(tx, workspace);
    await tx
      .update(workspaceEntries)
      .set({ content: input.content, size, version, updatedAt: new Date() })
      .where(eq(workspaceEntries.id, row.id));
    return { version };
  });
}

const readOnly = (path: string) =>
  new WorkspaceError("read_only", `${quote(path)} is part of the lesson and cannot be changed, moved or deleted.`);
