import { getQueueStats } from "@codeyard/drizzle";
import { Gauge, Registry } from "prom-client";
import { canReadMetrics, metricsRefusal } from "@/lib/security/metrics-access";
import { metricsPolicy } from "@/lib/security/metrics-policy";
import { jsonError } from "@/lib/server/http";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

export const dynamic = "force-dynamic";

// GET /api/metrics - queue depth, oldest queued age, throughput, error rate, database latency (Prometheus text; bearer token)
export async function GET(request: Request) {
  if (!canReadMetrics(request.headers, metricsPolicy)) return metricsRefusal(metricsPolicy);
  let stats: Awaited<ReturnType<typeof getQueueStats>>;
  let databaseSeconds: number;
  try {
    const db = await getDb();
    const started = performance.now();
    stats = await getQueueStats(db, 60);
    databaseSeconds = (performance.now() - started) / 1000;
  } catch (error) {
    logger.error({ err: error }, "metrics could not read the queue");
    return jsonError(503, "Metrics are unavailable because the database does not answer.", { "retry-after": "10" });
  }
  const registry = new Registry();
  const gauge = (name: string, help: string, labelled: Array<[string, number]>) => {
    const g = new Gauge({ name, help, labelNames: ["kind"], registers: [registry] });
    for (const [kind, value] of labelled) g.set({ kind }, value);
  };
  // Runs and gradings share the runner: each figure is given per kind and for both together.
  const byKind = (pick: (k: typeof stats.runs) => number): Array<[string, number]> => [
    ["run", pick(stats.runs)],
    ["grading", pick(stats.gradings)],
    ["all", pick(stats)],
  ];
  const rate = (k: typeof stats.runs) => (k.finishedRecently ? k.failedRecently / k.finishedRecently : 0);
  gauge(
    "codeyard_queue_depth",
    "Work waiting to start.",
    byKind((k) => k.queued),
  );
  gauge(
    "codeyard_work_running",
    "Work executing now.",
    byKind((k) => k.running),
  );
  gauge(
    "codeyard_finished_per_minute",
    "Work that finished in the last minute.",
    byKind((k) => k.finishedRecently),
  );
  gauge(
    "codeyard_error_rate",
    "Share of the last minute's finished work that failed on our side (internal_error runs, error gradings).",
    byKind(rate),
  );
  gauge("codeyard_oldest_queued_age_seconds", "Age of the oldest work still waiting.", [
    ["all", stats.oldestQueuedAt ? (Date.now() - stats.oldestQueuedAt.getTime()) / 1000 : 0],
  ]);
  new Gauge({
    name: "codeyard_database_latency_seconds",
    help: "How long this scrape's queue query took: the database's answer time as the app sees it.",
    registers: [registry],
  }).set(databaseSeconds);
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
