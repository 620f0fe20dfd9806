import { RunnerLanguage } from "@codeyard/runner/contract";
import { z } from "zod";

// Bodies of the /api/workspaces handlers. Paths are checked against the runner's rules by the query verbs.
const path = z.string({ error: "path must be a string" }).min(1, "path is empty").max(200, "path is too long");

export const WorkspaceId = z.uuid({ error: "This workspace does not exist or is not yours." });

export const CreateProjectBody = z.object({
  name: z
    .string({ error: "name must be a string" })
    .trim()
    .min(1, "give the project a name")
    .max(60, "name is too long"),
  language: RunnerLanguage,
});
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const CreateEntryBody = z.object({
  path,
  kind: z.enum(["file", "folder"], { error: 'kind must be "file" or "folder"' }),
});
export type CreateEntryBody = z.infer<typeof CreateEntryBody>;

export const MoveEntryBody = z.object({ from: path, to: path });
export const DeleteEntryBody = z.object({ path });

export const WriteFileBody = z.object({
  path,
  content: z.string({ error: "content must be a string" }),
  baseVersion: z.number({ error: "baseVersion must be the version the file was opened at" }).int().nonnegative(),
});
export type WriteFileBody = z.infer<typeof WriteFileBody>;

/** A file at its limit, JSON-escaped, with room to spare. */
export const maxWriteBodyBytes = 2 * 1024 * 1024;
