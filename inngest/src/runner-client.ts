import { type GradeRequest, GradeResult, RunnerError, type RunRequest, RunResult } from "@codeyard/runner/contract";
import { NonRetriableError, RetryAfterError } from "inngest";
import { env } from "./env";

export interface RunnerClient {
  run(request: RunRequest, requestId?: string): Promise<RunResult>;
  /** True when the runner answers its health check (Docker reachable, image present). */
  healthy(): Promise<boolean>;
  /** Kills the run's container if it is still running; false when the runner had no such run. */
  cancel(executionId: string): Promise<boolean>;
  /** Grades a program against hidden tests in a fresh sandbox. */
  grade(request: GradeRequest, requestId?: string): Promise<GradeResult>;
}

/** HTTP client for the runner. Throws NonRetriableError for contract errors, RetryAfterError when busy. */
export function createRunnerClient(options: { url?: string; token?: string } = {}): RunnerClient {
  const url = options.url ?? env.RUNNER_URL;
  const token = options.token ?? env.RUNNER_TOKEN;

  async function post<T>(
    path: string,
    body: unknown,
    schema: { parse(value: unknown): T },
    wallMs = 15_000,
    requestId?: string,
  ): Promise<T> {
    if (!token) throw new NonRetriableError("RUNNER_TOKEN is not set, so the runner cannot be called");
    const response = await fetch(new URL(path, url), {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(requestId ? { "x-request-id": requestId } : {}),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(wallMs + 30_000),
    });
    const answer: unknown = await response.json().catch(() => null);
    if (response.ok) return schema.parse(answer);
    const message = RunnerError.safeParse(answer).data?.error ?? `runner answered HTTP ${response.status}`;
    if (response.status === 429 || response.status === 503) {
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      throw new RetryAfterError(message, `${Number.isFinite(seconds) && seconds > 0 ? seconds : 1}s`);
    }
    if (response.status >= 400 && response.status < 500) throw new NonRetriableError(message);
    throw new Error(message);
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
      if (!token) throw new NonRetriableError("RUNNER_TOKEN is not set, so the runner cannot be called");
      const response = await fetch(new URL(`/v1/executions/${encodeURIComponent(executionId)}`, url), {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 404) return false;
      if (!response.ok) throw new Error(`runner answered HTTP ${response.status} to a cancel`);
      return true;
    },
    run: (request, requestId) => post("/v1/executions", request, RunResult, request.limits?.wallMs, requestId),
    grade: (request, requestId) => post("/v1/gradings", request, GradeResult, request.limits?.wallMs, requestId),
  };
}
