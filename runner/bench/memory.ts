// Idle memory of one session sandbox, as sessions start it (bare: the supervisor only) and once a program of the
// session used pandas and its supervisor preloaded numpy, pandas and matplotlib. The same sandbox, measured twice.
import type { Docker } from "../src/docker";
import { WarmSandbox } from "../src/sandbox";
import { defaultMaxSessions } from "../src/sizing";

/** Resident memory of the container's processes (cgroup v1 rss), once it has stopped growing. */
async function settledRss(container: Docker.Container): Promise<number> {
  let last = -1;
  for (let i = 0; i < 90; i++) {
    const stats = (await container.stats({ stream: false })) as { memory_stats: { stats?: { rss?: number } } };
    const rss = stats.memory_stats.stats?.rss ?? 0;
    if (rss > 0 && rss === last) return rss;
    last = rss;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return last;
}

export async function benchMemory(docker: Docker): Promise<{ bare: number; preloaded: number }> {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const sandbox = await WarmSandbox.start(docker, { language: "python", labels: { "codeyard.mode": "bench-memory" } });
  try {
    const bare = await settledRss(sandbox.container);
    await sandbox.preload();
    if (!sandbox.preloaded) throw new Error("the sandbox did not preload its modules");
    const preloaded = await settledRss(sandbox.container);
    console.log("\nidle memory of one session sandbox (rss):");
    console.log(`  without pandas (as a session starts): ${mb(bare)}`);
    console.log(`  with numpy, pandas, matplotlib preloaded (after a run used them): ${mb(preloaded)}`);
    console.log(
      `  default RUNNER_MAX_SESSIONS on this machine: ${defaultMaxSessions()} (memory limits, see sizing.ts)`,
    );
    return { bare, preloaded };
  } finally {
    await sandbox.destroy();
  }
}
