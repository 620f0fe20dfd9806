// A signed-in learner's workspace, sent with each run as a manifest. The session sandbox keeps the contents it
// has seen, so a run carries content only for files whose hash the caller thinks changed.
//
// Protocol (see runner/README.md, "Workspace sessions"):
// 1. The caller sends `workspace.files`: EVERY file's `path` and `sha256` (hex of the UTF-8 bytes), with
//    `content` only for files changed since its last successful run in this session (or all of them, always
//    correct, just larger).
// 2. The runner answers the RunResult, or HTTP 409 with a `WorkspaceMissing` body when the sandbox lacks the
//    content of some hashes (a new or replaced sandbox, a reaped session): nothing ran and nothing is remembered
//    for the id. Send the same request (same id) again with `content` for at least those `missing` paths.
// 3. /workspace at the start of the run is exactly the manifest: files not listed are gone, and what a previous
//    run wrote there is not kept (the caller's copy, in Postgres, is the source of truth).
import { createHash } from "node:crypto";
import { z } from "zod";
import { FilePath } from "./paths";

export const maxWorkspaceFiles = 200;
export const maxWorkspaceFileBytes = 256 * 1024;
export const maxWorkspaceBytes = 5 * 1024 * 1024;

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "sha256 must be 64 lowercase hex digits");

/** sha256 hex of a file's UTF-8 bytes: what a manifest entry carries. */
export function sha256Of(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

export const ManifestEntry = z
  .object({
    path: FilePath,
    sha256: Sha256,
    /** Only when the caller thinks the sandbox lacks it; must hash to `sha256`. */
    content: z
      .string()
      .refine((c) => Buffer.byteLength(c) <= maxWorkspaceFileBytes, "file is larger than 256 KiB")
      .optional(),
  })
  .refine((e) => e.content === undefined || sha256Of(e.content) === e.sha256, {
    message: "content does not match its sha256",
    path: ["content"],
  });
export type ManifestEntry = z.infer<typeof ManifestEntry>;

export const WorkspaceManifest = z.object({
  files: z
    .array(ManifestEntry)
    .min(1, "a workspace needs at least one file")
    .max(maxWorkspaceFiles, `a workspace holds at most ${maxWorkspaceFiles} files`)
    .refine((files) => new Set(files.map((f) => f.path)).size === files.length, "file paths must be unique")
    .refine(
      (files) => {
        const paths = new Set(files.map((f) => f.path));
        return files.every(
          (f) => !f.path.split("/").some((_, i, parts) => i > 0 && paths.has(parts.slice(0, i).join("/"))),
        );
      },
      { message: "a file path is also used as a folder of another file" },
    )
    .refine(
      (files) => files.reduce((sum, f) => sum + (f.content ? Buffer.byteLength(f.content) : 0), 0) <= maxWorkspaceBytes,
      "workspace content is larger than 5 MiB",
    ),
});
export type WorkspaceManifest = z.infer<typeof WorkspaceManifest>;

/** Body of the 409 that asks for content: send the same request again with `content` for these paths. */
export const WorkspaceMissing = z.object({
  error: z.string(),
  missing: z.array(FilePath).min(1).max(maxWorkspaceFiles),
});
export type WorkspaceMissing = z.infer<typeof WorkspaceMissing>;
