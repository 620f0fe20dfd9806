import { FilePath } from "@codeyard/runner/contract";

export type WorkspaceErrorCode = "not_found" | "exists" | "invalid" | "read_only" | "limit" | "stale";

/** A change the workspace refuses, with a sentence for the learner; `current` is set for a stale write. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    readonly current?: { content: string; version: number },
  ) {
    super(message);
  }
}

/** The path if the runner's path rules accept it; a WorkspaceError saying why not otherwise. */
export function checkPath(path: string): string {
  const parsed = FilePath.safeParse(path);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? "is not allowed";
    throw new WorkspaceError("invalid", `The name "${path.slice(0, 80)}" cannot be used: ${reason}.`);
  }
  return parsed.data;
}

/** "a/b/c.py" -> ["a", "a/b"]: the folders a path needs, outermost first. */
export function parentsOf(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** True when `path` is `folder` itself or inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

export const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (id: string) => uuidPattern.test(id);
