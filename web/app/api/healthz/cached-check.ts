// A health check that runs at most once per interval whatever the traffic: concurrent callers share the
// check in flight, and its answer is reused (a healthy one longer than a failing one, to notice recovery soon).
export interface HealthResult {
  ok: boolean;
  checks: Record<string, boolean>;
  checkedAt: Date;
}

export function cachedCheck(
  check: () => Promise<Record<string, boolean>>,
  options: { okForMs: number; downForMs: number; now?: () => number },
): () => Promise<HealthResult> {
  const now = options.now ?? Date.now;
  let last: { result: HealthResult; until: number } | undefined;
  let inFlight: Promise<HealthResult> | undefined;

  return async () => {
    if (last && now() < last.until) return last.result;
    inFlight ??= (async () => {
      try {
        const checks = await check().catch(() => ({ check: false }));
        const result = { ok: Object.values(checks).every(Boolean), checks, checkedAt: new Date(now()) };
        last = { result, until: now() + (result.ok ? options.okForMs : options.downForMs) };
        return result;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };
}
