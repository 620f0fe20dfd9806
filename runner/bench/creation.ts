// Container-ready time and creation rate of a Python sandbox, back to back: ready as soon as its supervisor is up
// (lazy preloading, what the pool and sessions do now) next to ready only once numpy, pandas and matplotlib are
// imported too (the eager preload every sandbox paid before).
import type { Docker } from "../src/docker";
import { WarmSandbox } from "../src/sandbox";
import { percentile } from "./stats";

export interface CreationFigures {
  mode: "lazy" | "eager";
  readyP50Ms: number;
  readyP95Ms: number;
  perSecond: number;
}

async function measure(docker: Docker, mode: CreationFigures["mode"], count: number): Promise<CreationFigures> {
  const times: number[] = [];
  const removals: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const sandbox = await WarmSandbox.start(docker, {
      language: "python",
      labels: { "codeyard.mode": "bench-create" },
    });
    if (mode === "eager") await sandbox.preload(sandbox.lazy, true);
    times.push(performance.now() - t);
    // Removed in the background, as the pool's used sandboxes are.
    removals.push(sandbox.destroy());
  }
  const elapsed = performance.now() - started;
  await Promise.all(removals);
  times.sort((a, b) => a - b);
  return {
    mode,
    readyP50Ms: percentile(times, 0.5),
    readyP95Ms: percentile(times, 0.95),
    perSecond: (count * 1000) / elapsed,
  };
}

export async function benchCreation(docker: Docker, quick: boolean): Promise<CreationFigures[]> {
  const count = quick ? 5 : 12;
  const figures = [await measure(docker, "eager", count), await measure(docker, "lazy", count)];
  console.log(`\nsandbox creation, ${count} Python sandboxes back to back (docker create/start until ready):`);
  for (const f of figures) {
    const label = f.mode === "lazy" ? "lazy (ready once Python is up)     " : "eager (numpy, pandas, matplotlib)  ";
    console.log(
      `  ${label} ready p50 ${f.readyP50Ms.toFixed(0)} ms, p95 ${f.readyP95Ms.toFixed(0)} ms, ${f.perSecond.toFixed(2)} ready/s`,
    );
  }
  return figures;
}
