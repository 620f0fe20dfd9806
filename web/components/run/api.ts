// How the browser reads the API's answers: each with the zod view schema the server builds it with.
// Shared by the Run and Check-my-answer hooks.
import type { z } from "zod";
import { ErrorView, type RefusalLimit } from "@/lib/executions/view";

// Retry-After is either delta-seconds or an HTTP date.
function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** A refused request as the page shows it. */
export interface ApiError {
  message: string;
  status: number;
  retryAfterSeconds: number | null;
  /** Which limit refused it (429), if the server said. */
  limit: RefusalLimit | null;
  /** When a quota refusal ends, as epoch milliseconds; null when waiting for time would not help. */
  blockedUntil: number | null;
}

/** The message to show for a failed response; `refused` describes a 4xx without a message of its own. */
export async function readApiError(response: Response, refused: string): Promise<ApiError> {
  const body = await readAnswer(response, ErrorView);
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  const message =
    body?.error ??
    (response.status >= 500
      ? `Something went wrong on our side. Please try again in a moment (HTTP ${response.status}).`
      : `${refused} (HTTP ${response.status}).`);
  // Limit messages already say when more come; a busy server's wait is added to the others.
  const withWait =
    retryAfterSeconds === null || response.status === 429 || /\btry again in\b/i.test(message)
      ? message
      : `${message} Try again in ${retryAfterSeconds} s.`;
  return {
    message: withWait,
    status: response.status,
    retryAfterSeconds,
    limit: body?.limit ?? null,
    blockedUntil: quotaEnd(response.status, body, retryAfterSeconds),
  };
}

// Only a used-up quota ends at a time; outstanding work ends when a run does, so nothing waits for a clock.
function quotaEnd(status: number, body: ErrorView | null, retryAfterSeconds: number | null): number | null {
  if (status !== 429 || body?.limit === "outstanding") return null;
  const resetAt = body?.resetAt ? Date.parse(body.resetAt) : Number.NaN;
  if (Number.isFinite(resetAt)) return resetAt;
  return retryAfterSeconds ? Date.now() + retryAfterSeconds * 1000 : null;
}

/** The response's JSON as `schema` describes it, or null when it is not that. */
export async function readAnswer<T>(response: Response, schema: z.ZodType<T>): Promise<T | null> {
  const parsed = schema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
