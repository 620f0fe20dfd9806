// Idle memory of one session sandbox, with its runtime preloaded (numpy, pandas, matplotlib) and without.
import { limitDefaults } from "../src/contract";
import { containerSpec, type Docker, removeContainer } from "../src/docker";
import { defaultMaxSessions } from "../src/sizing";

const supervisor = ["python3", "-u", "-E", "-s", "/opt/codeyard/supervisor.py"];

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

async function idleRss(docker: Docker, preload: boolean): Promise<number> {
  const spec = containerSpec({
    language: "python",
    memoryMb: limitDefaults.memoryMb,
    warmupCpus: 2,
    labels: { "codeyard.mode": "bench-memory" },
  });
  const container = await docker.createContainer(preload ? spec : { ...spec, Entrypoint: supervisor });
  try {
    await container.start();
    return await settledRss(container);
  } finally {
    await removeContainer(container);
  }
}

export async function benchMemory(docker: Docker): Promise<void> {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const bare = await idleRss(docker, false);
  const preloaded = await idleRss(docker, true);
  console.log("\nidle memory of one session sandbox (rss):");
  console.log(`  without pandas (supervisor only): ${mb(bare)}`);
  console.log(`  with numpy, pandas, matplotlib preloaded: ${mb(preloaded)}`);
  console.log(`  default RUNNER_MAX_SESSIONS on this machine: ${defaultMaxSessions()} (memory limits, see sizing.ts)`);
}
