// Errors go to Sentry when SENTRY_DSN is set, and nowhere when it is not: without a DSN the SDK is not even loaded.
import type { ErrorEvent } from "@sentry/node";

let sentry: typeof import("@sentry/node") | undefined;

/** Starts the Sentry SDK when a DSN is given; answers whether it did. */
export async function initSentry(dsn: string | undefined, environment: string): Promise<boolean> {
  if (!dsn) return false;
  sentry = await import("@sentry/node");
  sentry.init({
    dsn,
    environment,
    // Errors only: no tracing, and no request bodies, cookies or addresses (children's code and sessions).
    tracesSampleRate: 0,
    dataCollection: { userInfo: false, cookies: false, httpHeaders: false, httpBodies: [], urlQueryParams: false },
    beforeSend: (event: ErrorEvent) => {
      if (event.request) event.request = { method: event.request.method, url: event.request.url };
      return event;
    },
    // Unhandled rejections keep Sentry's default (report, warn, carry on): Next's server itself logs them and
    // keeps serving (a discarded prefetch rejects that way), unlike Node's default, which the runner keeps.
  });
  return true;
}

/** Reports an error when Sentry was started; a no-op otherwise. */
export function reportError(error: unknown, context?: Record<string, unknown>): void {
  sentry?.captureException(error, context ? { extra: context } : undefined);
}

/** Waits until queued reports are sent (tests, shutdown). */
export async function flushSentry(timeoutMs = 2_000): Promise<void> {
  await sentry?.flush(timeoutMs);
}
