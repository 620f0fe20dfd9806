// What the browser makes of an API answer that is not a success: the server's own sentence when it sent
// one, and how long it asked us to wait. Shared by the Run and Submit hooks.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

// Retry-After is either delta-seconds or an HTTP date.
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export interface ApiError {
  message: string;
  retryAfterSeconds: number | null;
  status: number;
}

/** The message to show for a failed response; `refused` describes a 4xx without a message of its own. */
export async function readApiError(response: Response, refused: string): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const serverMessage =
    isRecord(body) && typeof body.error === "string" && body.error.trim() ? body.error.trim() : null;
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"));
  const message =
    serverMessage ??
    (response.status >= 500
      ? `Something went wrong on our side. Please try again in a moment (HTTP ${response.status}).`
      : `${refused} (HTTP ${response.status}).`);
  // Quota messages already say when more come; a busy server's wait is added to the others.
  const withWait =
    retryAfterSeconds === null || response.status === 429 || /\btry again in\b/i.test(message)
      ? message
      : `${message} Try again in ${retryAfterSeconds} s.`;
  return { message: withWait, retryAfterSeconds, status: response.status };
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
