import type { EntrySummary, Workspace } from "@codeyard/drizzle";
import { z } from "zod";

// What the browser receives about a workspace: these schemas parse the answers on the client too.
export const EntryView = z.object({
  path: z.string(),
  kind: z.enum(["file", "folder"]),
  version: z.number().int(),
  size: z.number().int(),
  readOnly: z.boolean(),
});
export type EntryView = z.infer<typeof EntryView>;

export const WorkspaceView = z.object({
  id: z.string(),
  kind: z.enum(["lesson", "project"]),
  exerciseId: z.string().nullable(),
  name: z.string(),
  language: z.enum(["python", "javascript"]),
  entry: z.string(),
  updatedAt: z.string(),
});
export type WorkspaceView = z.infer<typeof WorkspaceView>;

export const TreeView = z.object({ workspace: WorkspaceView, entries: z.array(EntryView) });
export type TreeView = z.infer<typeof TreeView>;

export const FileView = z.object({
  path: z.string(),
  content: z.string(),
  version: z.number().int(),
  readOnly: z.boolean(),
});
export type FileView = z.infer<typeof FileView>;

/** Body of a 409 answering a stale write: the content and version saved meanwhile. */
export const StaleWrite = z.object({
  error: z.string(),
  current: z.object({ content: z.string(), version: z.number() }),
});

export function toWorkspaceView(w: Workspace): WorkspaceView {
  return {
    id: w.id,
    kind: w.kind,
    exerciseId: w.exerciseId,
    name: w.name,
    language: w.language === "javascript" ? "javascript" : "python",
    entry: w.entry,
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function toEntryView(e: EntrySummary): EntryView {
  return { path: e.path, kind: e.kind, version: e.version, size: e.size, readOnly: e.readOnly };
}
