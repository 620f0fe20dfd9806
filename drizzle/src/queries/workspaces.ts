import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { type Workspace, type WorkspaceEntry, workspaceEntries, workspaceLimits, workspaces } from "../schema";
import { drafts } from "../schema/learning";
import { byteLength, checkPath, isUuid, parentsOf, WorkspaceError } from "./workspace-paths";

export { WorkspaceError } from "./workspace-paths";

/** A file as an exercise author or a new project provides it. */
export interface StarterFile {
  path: string;
  content: string;
  readOnly?: boolean;
}
/** Who asks for which workspace: every verb answers not_found for another user's workspace. */
export interface WorkspaceOwner {
  userId: string;
  workspaceId: string;
}
/** An entry of the tree without its content. */
export type EntrySummary = Pick<WorkspaceEntry, "path" | "kind" | "version" | "size" | "readOnly">;

export const entrySummary = {
  path: workspaceEntries.path,
  kind: workspaceEntries.kind,
  version: workspaceEntries.version,
  size: workspaceEntries.size,
  readOnly: workspaceEntries.readOnly,
};

/** Locks the owner's workspace row for the rest of the transaction, so changes to one workspace are serial. */
export async function lockWorkspace(tx: Db, owner: WorkspaceOwner): Promise<Workspace> {
  if (!isUuid(owner.workspaceId)) throw notFound();
  const [row] = await tx
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.id, owner.workspaceId), eq(workspaces.userId, owner.userId)))
    .for("update");
  if (!row) throw notFound();
  return row;
}

/** Takes the next revision of a locked workspace: the version of whatever this change writes. */
export async function nextRevision(tx: Db, workspace: Workspace, changes: Partial<Workspace> = {}): Promise<number> {
  const revision = workspace.revision + 1;
  await tx
    .update(workspaces)
    .set({ ...changes, revision, updatedAt: new Date() })
    .where(eq(workspaces.id, workspace.id));
  return revision;
}

export const notFound = () => new WorkspaceError("not_found", "This workspace does not exist or is not yours.");

/** The files (and the folders they need) a starter set becomes, checked against the limits. */
export function starterRows(files: StarterFile[], revision: number) {
  const folders = new Set(files.flatMap((f) => parentsOf(checkPath(f.path))));
  const rows = [
    ...[...folders].map((path) => ({ path, kind: "folder" as const, content: null, size: 0, readOnly: false })),
    ...files.map((f) => ({
      path: f.path,
      kind: "file" as const,
      content: f.content,
      size: byteLength(f.content),
      readOnly: f.readOnly ?? false,
    })),
  ];
  if (new Set(rows.map((r) => r.path)).size !== rows.length) {
    throw new WorkspaceError("invalid", "Two starter files or folders have the same name.");
  }
  checkLimits(
    rows.length,
    rows.reduce((sum, r) => sum + r.size, 0),
    Math.max(0, ...rows.map((r) => r.size)),
  );
  return rows.map((r) => ({ ...r, version: revision }));
}

/** Throws the limit a workspace of this shape would break. */
export function checkLimits(entries: number, totalBytes: number, fileBytes = 0): void {
  const { entries: maxEntries, fileBytes: maxFile, totalBytes: maxTotal } = workspaceLimits;
  if (entries > maxEntries)
    throw new WorkspaceError("limit", `A workspace holds at most ${maxEntries} files and folders.`);
  if (fileBytes > maxFile) throw new WorkspaceError("limit", `A file can be at most ${maxFile / 1024} KiB.`);
  if (totalBytes > maxTotal)
    throw new WorkspaceError(
      "limit",
      `All files of a workspace together can be at most ${maxTotal / 1024 / 1024} MiB.`,
    );
}

export async function createProject(
  db: Db,
  input: { userId: string; name: string; language: string; files: StarterFile[] },
): Promise<Workspace> {
  const entry = input.files[0]?.path;
  if (!entry) throw new WorkspaceError("invalid", "A project starts with at least one file.");
  return db.transaction(async (tx) => {
    const rows = starterRows(input.files, 1);
    const [workspace] = await tx
      .insert(workspaces)
      .values({ userId: input.userId, kind: "project", name: input.name, language: input.language, entry, revision: 1 })
      .returning();
    if (!workspace) throw new Error("insert returned no row");
    await tx.insert(workspaceEntries).values(rows.map((r) => ({ ...r, workspaceId: workspace.id })));
    return workspace;
  });
}

/**
 * The learner's workspace for a lesson, made on first open from the starter files. A draft saved before
 * workspaces existed becomes the content of the entry file, so nothing a learner saved is lost.
 */
export async function openLessonWorkspace(
  db: Db,
  input: { userId: string; exerciseId: string; name: string; language: string; entry: string; starter: StarterFile[] },
): Promise<Workspace> {
  const existing = await findLessonWorkspace(db, input.userId, input.exerciseId);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .select({ code: drafts.code })
      .from(drafts)
      .where(and(eq(drafts.userId, input.userId), eq(drafts.exerciseId, input.exerciseId)));
    const files = input.starter.filter((f) => !(draft && f.path === input.entry));
    if (draft) files.unshift({ path: input.entry, content: draft.code });
    const rows = starterRows(files, 1);
    const [workspace] = await tx
      .insert(workspaces)
      .values({ ...input, kind: "lesson", revision: 1 })
      .onConflictDoNothing()
      .returning();
    // Opened twice at once: the other request made it.
    if (!workspace) return (await findLessonWorkspace(tx, input.userId, input.exerciseId)) as Workspace;
    await tx.insert(workspaceEntries).values(rows.map((r) => ({ ...r, workspaceId: workspace.id })));
    return workspace;
  });
}

export async function findLessonWorkspace(db: Db, userId: string, exerciseId: string): Promise<Workspace | undefined> {
  const [row] = await db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.userId, userId), eq(workspaces.exerciseId, exerciseId)));
  return row;
}

export async function getWorkspace(db: Db, owner: WorkspaceOwner): Promise<Workspace | undefined> {
  if (!isUuid(owner.workspaceId)) return undefined;
  const [row] = await db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.id, owner.workspaceId), eq(workspaces.userId, owner.userId)));
  return row;
}

export async function listProjects(db: Db, userId: string): Promise<Workspace[]> {
  return db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.userId, userId), eq(workspaces.kind, "project")))
    .orderBy(desc(workspaces.updatedAt));
}

/** The workspace and its tree (no contents), ordered by path. */
export async function listEntries(
  db: Db,
  owner: WorkspaceOwner,
): Promise<{ workspace: Workspace; entries: EntrySummary[] }> {
  const workspace = await getWorkspace(db, owner);
  if (!workspace) throw notFound();
  const entries = await db
    .select(entrySummary)
    .from(workspaceEntries)
    .where(eq(workspaceEntries.workspaceId, workspace.id))
    .orderBy(asc(workspaceEntries.path));
  return { workspace, entries };
}

/** Every file with its content, as a run or a submission sends them. */
export async function listWorkspaceFiles(db: Db, owner: WorkspaceOwner): Promise<{ path: string; content: string }[]> {
  const workspace = await getWorkspace(db, owner);
  if (!workspace) throw notFound();
  const rows = await db
    .select({ path: workspaceEntries.path, content: workspaceEntries.content })
    .from(workspaceEntries)
    .where(and(eq(workspaceEntries.workspaceId, workspace.id), eq(workspaceEntries.kind, "file")))
    .orderBy(asc(workspaceEntries.path));
  return rows.map((r) => ({ path: r.path, content: r.content ?? "" }));
}

/** Puts a lesson workspace back to its starter files: every other file and folder is removed. */
export async function resetLessonWorkspace(
  db: Db,
  owner: WorkspaceOwner,
  input: { entry: string; starter: StarterFile[] },
): Promise<EntrySummary[]> {
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, owner);
    if (workspace.kind !== "lesson") throw new WorkspaceError("invalid", "Only a lesson's workspace can be reset.");
    const revision = await nextRevision(tx, workspace, { entry: input.entry });
    const rows = starterRows(input.starter, revision);
    await tx.delete(workspaceEntries).where(eq(workspaceEntries.workspaceId, workspace.id));
    await tx.insert(workspaceEntries).values(rows.map((r) => ({ ...r, workspaceId: workspace.id })));
    return rows.map(({ path, kind, version, size, readOnly }) => ({ path, kind, version, size, readOnly }));
  });
}

/** Removes a project (a lesson workspace is reset instead). */
export async function deleteProject(db: Db, owner: WorkspaceOwner): Promise<void> {
  if (!isUuid(owner.workspaceId)) throw notFound();
  const rows = await db
    .delete(workspaces)
    .where(
      and(eq(workspaces.id, owner.workspaceId), eq(workspaces.userId, owner.userId), eq(workspaces.kind, "project")),
    )
    .returning({ id: workspaces.id });
  if (rows.length === 0) throw notFound();
}
