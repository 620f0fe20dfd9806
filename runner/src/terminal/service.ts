// The terminal's file verbs for the web app's sync (server to server, bearer token): the user's sandbox's
// /workspace as a manifest, some files' text, and writes. No sandbox up: an empty manifest that says so.
import type { TerminalManifest, TerminalReadResult, TerminalWriteRequest } from "../contract/terminal";
import type { Docker } from "../docker";
import type { WarmSandbox } from "../sandbox";
import { listSandboxFiles, readSandboxFiles, writeSandboxFiles } from "./files";

export class NoSandboxError extends Error {
  constructor() {
    super("this user has no sandbox right now: open the terminal first");
    this.name = "NoSandboxError";
  }
}

export interface TerminalFiles {
  list(userId: string): Promise<TerminalManifest>;
  read(userId: string, paths: string[]): Promise<TerminalReadResult>;
  /** The paths that could not be written or removed. */
  write(request: TerminalWriteRequest): Promise<{ failed: string[] }>;
}

export function createTerminalFiles(
  docker: Docker,
  sandboxOf: (userId: string) => WarmSandbox | undefined,
): TerminalFiles {
  const need = (userId: string) => {
    const sandbox = sandboxOf(userId);
    if (!sandbox) throw new NoSandboxError();
    return sandbox;
  };
  return {
    async list(userId) {
      const sandbox = sandboxOf(userId);
      if (!sandbox) return { sandbox: false, files: [], truncated: false, tag: null };
      return { sandbox: true, ...(await listSandboxFiles(docker, sandbox.container)) };
    },
    read: (userId, paths) => readSandboxFiles(docker, need(userId).container, paths),
    async write(request) {
      const failed = await writeSandboxFiles(docker, need(request.userId).container, request);
      return { failed };
    },
  };
}
