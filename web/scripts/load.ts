// `pnpm bench:load`: 100 simulated learners against the local stack for 60 s (loopback only, bounded),
// then a count of what happened to every accepted run, read back from the database itself.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { countExecutions, getExecutionsByIds } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";

const users = Number(process.argv[2] ?? 100);
const durationMs = Number(process.argv[3] ?? 60) * 1000;
const port = 3200;
const base = `http://127.0.0.1:${port}`;
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const finalStatuses = new Set([
  "ok",
  "runtime_error",
  "timeout",
  "memory_limit",
  "output_limit",
  "internal_error",
  "cancelled",
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

async function startStack(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn("pnpm", ["exec", "tsx", join("scripts", "start-local.ts")], {
    cwd: webDir,
    env: { ...process.env, PORT: String(port), RUNNER_PORT: "8899", DATABASE_URL: databaseUrl, LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 2400; i++) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) return child;
    } catch {
      // starting
    }
    await sleep(250);
  }
  throw new Error("the stack did not start");
}

const counts = { accepted: 0, quota: 0, busy: 0, otherErrors: 0, completed: 0 };
const endToEnd: number[] = [];
const accepted: string[] = [];

async function learner(n: number, deadline: number) {
  const headers = { "content-type": "application/json", "x-forwarded-for": `10.${(n >> 8) & 255}.${n & 255}.1` };
  while (Date.now() < deadline) {
    const started = performance.now();
    const response = await fetch(`${base}/api/executions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ language: "python", code: `print(sum(range(${n * 1000})))` }),
    });
    const retryAfter = Number(response.headers.get("retry-after") ?? "1");
    if (response.status === 202) {
      counts.accepted++;
      const { id } = (await response.json()) as { id: string };
      accepted.push(id);
      for (;;) {
        await sleep(200);
        const body = (await (await fetch(`${base}/api/executions/${id}`)).json()) as { status: string };
        if (finalStatuses.has(body.status)) {
          counts.completed++;
          endToEnd.push(performance.now() - started);
          break;
        }
        if (Date.now() > deadline + 30_000) break;
      }
      // A learner reads the output and edits before the next run.
      await sleep(2000 + Math.random() * 6000);
    } else {
      await response.body?.cancel();
      if (response.status === 429) counts.quota++;
      else if (response.status === 503) counts.busy++;
      else counts.otherErrors++;
      await sleep(Math.min(retryAfter * 1000, Math.max(0, deadline - Date.now())));
    }
  }
}

const db = await createTestDb();
const stack = await startStack(db.url);
try {
  console.log(`load: ${users} learners for ${durationMs / 1000} s against ${base}`);
  const deadline = Date.now() + durationMs;
  await Promise.all(Array.from({ length: users }, (_, i) => learner(i + 1, deadline)));
  await sleep(5_000);

  const rows = await getExecutionsByIds(db.db, accepted);
  const allRows = await countExecutions(db.db);
  const lost = accepted.length - rows.filter((r) => finalStatuses.has(r.status)).length;
  const queueWaits = rows
    .filter((r) => r.startedAt)
    .map((r) => (r.startedAt as Date).getTime() - r.createdAt.getTime());
  const byStatus = new Map<string, number>();
  for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const statusCounts = [...byStatus.entries()];

  console.log(`runs accepted:               ${counts.accepted}`);
  console.log(`rejected by quota (429):     ${counts.quota}`);
  console.log(`rejected by backpressure:    ${counts.busy}`);
  console.log(`other errors:                ${counts.otherErrors}`);
  console.log(`completed (seen final):      ${counts.completed}`);
  console.log(`lost (accepted, not final):  ${lost}`);
  console.log(`duplicated (extra rows):     ${allRows - new Set(accepted).size}`);
  console.log(`final statuses:              ${statusCounts.map(([s, c]) => `${s}=${c}`).join(" ")}`);
  console.log(
    `end-to-end latency p50/p95:  ${percentile(endToEnd, 50).toFixed(0)} / ${percentile(endToEnd, 95).toFixed(0)} ms`,
  );
  console.log(
    `queue wait p50/p95:          ${percentile(queueWaits, 50).toFixed(0)} / ${percentile(queueWaits, 95).toFixed(0)} ms`,
  );
} finally {
  if (stack.pid) process.kill(-stack.pid, "SIGTERM");
  await sleep(3_000);
  await db.close();
}
