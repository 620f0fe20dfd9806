import { getQueueStats } from "@codeyard/drizzle";
import { Gauge, Registry } from "prom-client";
import { canReadMetrics, metricsRefusal } from "@/lib/security/metrics-access";
import { metricsPolicy } from "@/lib/security/metrics-policy";
import { jsonError } from "@/lib/server/http";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

export const dynamic = "force-dynamic";

// GET /api/metrics - queue depth, oldest queued age, throughput and error rate (Prometheus text format; bearer token)
export async function GET(request: Request) {
  if (!canReadMetrics(request.headers, metricsPolicy)) return metricsRefusal(metricsPolicy);
  let stats: Awaited<ReturnType<typeof getQueueStats>>;
  try {
    stats = await getQueueStats(await getDb(), 60);
  } catch (error) {
    logger.error({ err: error }, "metrics could not read the queue");
    return jsonError(503, "Metrics are unavailable because the database does not answer.", { "retry-after": "10" });
  }
  const registry = new Registry();
  const gauge = (name: string, help: string, value: number) =>
    new Gauge({ name, help, registers: [registry] }).set(value);
  gauge("codeyard_queue_depth", "Runs waiting to start.", stats.queued);
  gauge("codeyard_runs_running", "Runs executing now.", stats.running);
  gauge(
    "codeyard_oldest_queued_age_seconds",
    "Age of the oldest run still waiting.",
    stats.oldestQueuedAt ? (Date.now() - stats.oldestQueuedAt.getTime()) / 1000 : 0,
  );
  gauge("codeyard_runs_per_minute", "Runs that finished in the last minute.", stats.finishedRecently);
  gauge(
    "codeyard_error_rate",
    "Share of the last minute's finished runs that failed on our side (internal_error).",
    stats.finishedRecently ? stats.failedRecently / stats.finishedRecently : 0,
  );
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
