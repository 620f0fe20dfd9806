import { getQueueStats } from "@codeyard/drizzle";
import { Gauge, Registry } from "prom-client";
import { getDb } from "@/lib/server/services";

export const dynamic = "force-dynamic";

// GET /api/metrics - queue depth, oldest queued age, throughput and error rate (Prometheus text format)
export async function GET() {
  const stats = await getQueueStats(await getDb(), 60);
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
