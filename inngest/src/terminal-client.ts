import {
  RunnerError,
  TerminalManifest,
  TerminalReadResult,
  type TerminalWriteRequest,
} from "@codeyard/runner/contract";
import { z } from "zod";
import { env } from "./env";
import { describeNetworkError } from "./runner-client";

/** The web app's side of the terminal's file sync (runner `/v1/terminal/files`): the runner holds no database. */
export interface TerminalFilesClient {
  list(userId: string): Promise<TerminalManifest>;
  read(userId: string, paths: string[]): Promise<TerminalReadResult>;
  write(request: TerminalWriteRequest): Promise<{ failed: string[] }>;
}

export class TerminalFilesError extends Error {
  constructor(
    message: string,
    /** 409: the user has no sandbox now; 0: the runner could not be reached. */
    readonly status: number,
  ) {
    super(message);
    this.name = "TerminalFilesError";
  }
}

const WriteAnswer = z.object({ failed: z.array(z.string()) });

export function createTerminalFilesClient(options: { url?: string; token?: string } = {}): TerminalFilesClient {
  const url = options.url ?? env.RUNNER_URL;
  const token = options.token ?? env.RUNNER_TOKEN;

  async function call<T>(path: string, method: string, body: unknown, schema: { parse(v: unknown): T }): Promise<T> {
    if (!token) throw new TerminalFilesError("RUNNER_TOKEN is not set, so the runner cannot be called", 503);
    let response: Response;
    try {
      response = await fetch(new URL(path, url), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new TerminalFilesError(describeNetworkError(url, error), 0);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return schema.parse(answer);
    const message = RunnerError.safeParse(answer).data?.error ?? `the runner answered HTTP ${response.status}`;
    throw new TerminalFilesError(message, response.status);
  }

  return {
    list: (userId) =>
      call(`/v1/terminal/files?userId=${encodeURIComponent(userId)}`, "GET", undefined, TerminalManifest),
    read: (userId, paths) => call("/v1/terminal/files/read", "POST", { userId, paths }, TerminalReadResult),
    write: (request) => call("/v1/terminal/files", "PUT", request, WriteAnswer),
  };
}
