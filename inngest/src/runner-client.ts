import { RunnerError, type RunRequest, RunResult } from "@codeyard/runner/contract";
import { NonRetriableError, RetryAfterError } from "inngest";
import { env } from "./env";

export interface RunnerClient {
  run(request: RunRequest, requestId?: string): Promise<RunResult>;
  /** True when the runner answers its health check (Docker reachable, image present). */
  healthy(): Promise<boolean>;
  /** Kills the run's container if it is still running; false when the runner had no such run. */
  cancel(executionId: string): Promise<boolean>;
}

/** HTTP client for the runner. Throws NonRetriableError for contract errors, RetryAfterError when busy. */
export function createRunnerClient(options: { url?: string; token?: string } = {}): RunnerClient {
  const url = options.url ?? env.RUNNER_URL;
  const token = options.token ?? env.RUNNER_TOKEN;
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
    async run(request, requestId) {
      if (!token) throw new NonRetriableError("RUNNER_TOKEN is not set, so the runner cannot be called");
      const wallMs = request.limits?.wallMs ?? 15_000;
      const response = await fetch(new URL("/v1/executions", url), {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          ...(requestId ? { "x-request-id": requestId } : {}),
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(wallMs + 30_000),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return RunResult.parse(body);
      const message = RunnerError.safeParse(body).data?.error ?? `runner answered HTTP ${response.status}`;
      if (response.status === 429 || response.status === 503) {
        const seconds = Number(response.headers.get("retry-after") ?? "1");
        throw new RetryAfterError(message, `${Number.isFinite(seconds) && seconds > 0 ? seconds : 1}s`);
      }
      if (response.status >= 400 && response.status < 500) throw new NonRetriableError(message);
      throw new Error(message);
    },
  };
}
