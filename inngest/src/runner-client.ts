import {
  type GradeRequest,
  GradeResult,
  RunnerError,
  type RunRequest,
  RunResult,
  WorkspaceMissing,
} from "@codeyard/runner/contract";
import { NonRetriableError } from "inngest";
import { env } from "./env";

/**
 * What the runner made of a request: done, or not taken yet. "busy" (it answered 429/503) and "unreachable"
 * (no answer) are not failures of the run: the function waits with `step.sleep` and asks again, without
 * spending a retry attempt.
 */
export type RunnerAnswer<T> =
  | { kind: "done"; value: T }
  | { kind: "busy"; retryAfterSeconds: number; message: string }
  /** `sent`: the request may have reached the runner (no answer in time, or the connection dropped mid-answer). */
  | { kind: "unreachable"; message: string; sent?: boolean };

export interface RunnerClient {
  run(request: RunRequest, requestId?: string): Promise<RunnerAnswer<RunResult>>;
  /** Grades a program against an exercise's tests in a fresh sandbox. */
  grade(request: GradeRequest, requestId?: string): Promise<RunnerAnswer<GradeResult>>;
  /** True when the runner answers its health check (Docker reachable, image present). */
  healthy(): Promise<boolean>;
  /** Kills the run's container if it is still running; false when the runner had no such run. */
  cancel(executionId: string): Promise<boolean>;
}

/** The runner's 409 for a workspace run: its session sandbox lacks these files. Send them and ask again. */
export class WorkspaceMissingError extends Error {
  constructor(readonly missing: string[]) {
    super(`the sandbox lacks ${missing.length} file(s) of this workspace`);
  }
}

/** RUNNER_INTERACTIVE_WALL_MS at its largest: an interactive run's answer may take that long. */
const interactiveWallMs = 600_000;

const causes: Record<string, string> = {
  ECONNREFUSED: "refused the connection (is it running?)",
  ECONNRESET: "dropped the connection mid-answer",
  UND_ERR_SOCKET: "dropped the connection mid-answer",
  ENOTFOUND: "has a host name that does not resolve",
  EAI_AGAIN: "has a host name that does not resolve right now",
  ETIMEDOUT: "did not answer in time",
  UND_ERR_CONNECT_TIMEOUT: "did not accept the connection in time",
  EHOSTUNREACH: "cannot be reached from here",
};

/** Codes that mean no connection was made: the runner never saw the request. */
const notConnected = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "EHOSTUNREACH"]);

/** False only when the request surely never reached the runner (so another runner may take it at once). */
export function mayHaveReached(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: string }).code;
    if (code && notConnected.has(code)) return false;
    cause = cause.cause;
  }
  return true;
}

/** "the runner at http://… refused the connection": the cause a maintainer can act on, not "fetch failed". */
export function describeNetworkError(url: string, error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as { code?: string }).code;
    if (code && causes[code]) return `the runner at ${url} ${causes[code]} [${code}]`;
    if (cause.name === "TimeoutError") return `the runner at ${url} did not answer in time`;
    cause = cause.cause;
  }
  return `the runner at ${url} could not be reached (${error instanceof Error ? error.message : String(error)})`;
}

/** HTTP client for the runner. Contract errors (4xx) throw NonRetriableError; 5xx throw for a retry. */
export function createRunnerClient(options: { url?: string; token?: string } = {}): RunnerClient {
  const url = options.url ?? env.RUNNER_URL;
  const token = options.token ?? env.RUNNER_TOKEN;
  const requireToken = () => {
    if (!token) throw new NonRetriableError("RUNNER_TOKEN is not set, so the runner cannot be called");
    return token;
  };

  async function post<T>(
    path: string,
    body: unknown,
    schema: { parse(value: unknown): T },
    wallMs = 15_000,
    requestId?: string,
  ): Promise<RunnerAnswer<T>> {
    let response: Response;
    try {
      response = await fetch(new URL(path, url), {
        method: "POST",
        headers: {
          authorization: `Bearer ${requireToken()}`,
          "content-type": "application/json",
          ...(requestId ? { "x-request-id": requestId } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(wallMs + 30_000),
      });
    } catch (error) {
      if (error instanceof NonRetriableError) throw error;
      return { kind: "unreachable", message: describeNetworkError(url, error), sent: mayHaveReached(error) };
    }
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return { kind: "done", value: schema.parse(answer) };
    const message = RunnerError.safeParse(answer).data?.error ?? `the runner answered HTTP ${response.status}`;
    if (response.status === 429 || response.status === 503) {
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      return { kind: "busy", retryAfterSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 1, message };
    }
    const missing = response.status === 409 ? WorkspaceMissing.safeParse(answer) : null;
    if (missing?.success) throw new WorkspaceMissingError(missing.data.missing);
    if (response.status >= 400 && response.status < 500) throw new NonRetriableError(`the runner refused: ${message}`);
    throw new Error(`the runner at ${url} failed: ${message}`);
  }

  return {
    async healthy() {
      try {
        return (await fetch(new URL("/healthz", url), { signal: AbortSignal.timeout(2_000) })).ok;
      } catch {
        return false;
      }
    },
    async cancel(executionId) {
      let response: Response;
      try {
        response = await fetch(new URL(`/v1/executions/${encodeURIComponent(executionId)}`, url), {
          method: "DELETE",
          headers: { authorization: `Bearer ${requireToken()}` },
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        if (error instanceof NonRetriableError) throw error;
        throw new Error(describeNetworkError(url, error));
      }
      if (response.status === 404) return false;
      if (!response.ok) throw new Error(`the runner at ${url} answered HTTP ${response.status} to a cancel`);
      return true;
    },
    run: (request, requestId) =>
      post(
        "/v1/executions",
        request,
        RunResult,
        request.interactive ? interactiveWallMs : request.limits?.wallMs,
        requestId,
      ),
    grade: (request, requestId) => post("/v1/gradings", request, GradeResult, request.limits?.wallMs, requestId),
  };
}
