import { pingDb } from "@codeyard/drizzle";
import { createRunnerFleet } from "@codeyard/inngest";
import { canReadMetrics } from "@/lib/security/metrics-access";
import { metricsPolicy } from "@/lib/security/metrics-policy";
import { getDb } from "@/lib/server/services";
import { cachedCheck } from "./cached-check";

export const dynamic = "force-dynamic";

// One database ping and one runner ping per 10 s at most, however often this is called.
const health = cachedCheck(
  async () => {
    const [database, runner] = await Promise.all([
      getDb()
        .then(pingDb)
        .then(() => true)
        .catch(() => false),
      createRunnerFleet().healthy(),
    ]);
    return { database, runner };
  },
  { okForMs: 10_000, downForMs: 2_000 },
);

// GET /api/healthz - up or down; which part is down only with the metrics token
export async function GET(request: Request) {
  const result = await health();
  const status = result.ok ? "ok" : "down";
  const body = canReadMetrics(request.headers, metricsPolicy)
    ? { status, ...result.checks, checkedAt: result.checkedAt.toISOString() }
    : { status };
  return Response.json(body, { status: result.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
