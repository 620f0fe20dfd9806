// Who may read /api/metrics and the details of /api/healthz: a caller with the bearer METRICS_TOKEN, or anyone
// in local mode while the server listens on loopback only (then "anyone" is this machine).
import { timingSafeEqual } from "node:crypto";

export interface MetricsPolicy {
  token?: string;
  local: boolean;
  /** The interface the server listens on (HOST). */
  listenHost: string;
}

export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function canReadMetrics(headers: Headers, policy: MetricsPolicy): boolean {
  if (policy.local && isLoopbackHost(policy.listenHost)) return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return Boolean(policy.token && match?.[1] && sameSecret(match[1], policy.token));
}

/** The 401 for a caller without the token, saying what is needed. */
export function metricsRefusal(policy: MetricsPolicy): Response {
  const message = policy.token
    ? "Metrics need the bearer token: send the header Authorization: Bearer <METRICS_TOKEN>."
    : "Metrics are closed on this server: set METRICS_TOKEN and send it as Authorization: Bearer <token>.";
  return Response.json(
    { error: message },
    { status: 401, headers: { "www-authenticate": 'Bearer realm="codeyard-metrics"', "cache-control": "no-store" } },
  );
}
