// Latency summaries for the benchmark.

export interface Cell {
  mode: string;
  concurrency: number;
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  runsPerSecond: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(mode: string, concurrency: number, latencies: number[], elapsedMs: number): Cell {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    mode,
    concurrency,
    runs: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    runsPerSecond: (sorted.length / elapsedMs) * 1000,
  };
}

/** Runs `task` `runs` times with `concurrency` workers back to back; answers per-run latencies and the total time. */
export async function closedLoop(
  runs: number,
  concurrency: number,
  task: (worker: number, i: number) => Promise<void>,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < runs) {
        const i = next++;
        const t = performance.now();
        await task(worker, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export function table(cells: Cell[], native: Map<number, Cell>, naive: Map<number, Cell>): string {
  const header = ["mode", "c", "runs", "p50 ms", "p95 ms", "p99 ms", "runs/s", "p50/native", "naive/p50"];
  const rows = cells.map((c) => [
    c.mode,
    String(c.concurrency),
    String(c.runs),
    fmt(c.p50),
    fmt(c.p95),
    fmt(c.p99),
    fmt(c.runsPerSecond),
    `${fmt(c.p50 / (native.get(c.concurrency)?.p50 ?? Number.NaN), 2)}x`,
    `${fmt((naive.get(c.concurrency)?.p50 ?? Number.NaN) / c.p50, 1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    `| ${r.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
