import {
  RunnerError,
  TerminalManifest,
  TerminalReadResult,
  type TerminalWriteRequest,
} from "@codeyard/runner/contract";
import { z } from "zod";
import { env } from "./env";
import { describeNetworkError } from "./runner-client";
import { createRunnerFleet } from "./runner-fleet";

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

export interface TerminalFilesOptions {
  /** One runner for every learner (tests); default: each learner's own runner among RUNNER_URLS. */
  url?: string;
  /** Which runner holds a learner's terminal: the one their runs go to (default: the fleet's choice). */
  runnerOf?: (userId: string) => Promise<string>;
  token?: string;
}

export function createTerminalFilesClient(options: TerminalFilesOptions = {}): TerminalFilesClient {
  const token = options.token ?? env.RUNNER_TOKEN;
  let fleet: ReturnType<typeof createRunnerFleet> | undefined;
  const runnerOf =
    options.runnerOf ??
    (async (userId: string) => {
      if (options.url) return options.url;
      fleet ??= createRunnerFleet();
      return (await fleet.homeOf(userId)).url;
    });

  async function call<T>(
    userId: string,
    path: string,
    method: string,
    body: unknown,
    schema: { parse(v: unknown): T },
  ): Promise<T> {
    if (!token) throw new TerminalFilesError("RUNNER_TOKEN is not set, so the runner cannot be called", 503);
    const url = await runnerOf(userId);
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
      call(userId, `/v1/terminal/files?userId=${encodeURIComponent(userId)}`, "GET", undefined, TerminalManifest),
    read: (userId, paths) => call(userId, "/v1/terminal/files/read", "POST", { userId, paths }, TerminalReadResult),
    write: (request) => call(request.userId, "/v1/terminal/files", "PUT", request, WriteAnswer),
  };
}
