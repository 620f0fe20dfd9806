// Latency of trivial runs through a running runner's API: `pnpm bench [runs] [concurrency]`.
import { RunResult } from "../src/contract";
import { env } from "../src/env";

const runs = Number(process.argv[2] ?? 10);
const concurrency = Number(process.argv[3] ?? 1);
const url = `http://${env.RUNNER_HOST}:${env.RUNNER_PORT}/v1/executions`;

async function timeOneRun(i: number): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${env.RUNNER_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ id: `bench-${i}`, language: "python", files: [{ path: "main.py", content: "print(1)" }] }),
  });
  const result = RunResult.parse(await response.json());
  if (result.status !== "ok" || result.stdout !== "1\n") throw new Error(`run ${i} answered ${result.status}`);
  return performance.now() - started;
}

const latencies: number[] = [];
let next = 0;
const startedAll = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < runs) latencies.push(await timeOneRun(next++));
  }),
);
const totalS = (performance.now() - startedAll) / 1000;
latencies.sort((a, b) => a - b);
const pick = (q: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
console.log(
  `${runs} runs, concurrency ${concurrency}: p50 ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms, ${(runs / totalS).toFixed(1)} runs/s`,
);
