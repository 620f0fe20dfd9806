// `pnpm bench:load`: 100 simulated learners against the local stack for 60 s (loopback only, bounded),
// then a count of what happened to every accepted run, read back from the database itself.
import { countExecutions, getExecutionsByIds } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { RunStatus } from "@codeyard/runner/contract";
import { AcceptedView, ExecutionView } from "../lib/executions/view";
import { signIn as signInAt, startStack as startStackAt } from "./local-stack";

const users = Number(process.argv[2] ?? 100);
const durationMs = Number(process.argv[3] ?? 60) * 1000;
const port = 3200;
const base = `http://127.0.0.1:${port}`;
const startStack = (databaseUrl: string) =>
  startStackAt({
    port,
    runnerPort: 8899,
    databaseUrl,
    // One session sandbox per signed-in learner, as in production (defaults are for a small host).
    env: { RUNNER_MAX_SESSIONS: String(users + 10), RUNNER_MAX_CONCURRENT: "16", RUNNER_CONCURRENCY: "16" },
  });
const signIn = (n: number) => signInAt(base, `load-${n}`);
const isFinal = (status: string) => RunStatus.safeParse(status).success;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

const counts = { accepted: 0, quota: 0, busy: 0, otherErrors: 0, completed: 0 };
const endToEnd: number[] = [];
const accepted: string[] = [];
const warmupRows = { count: 0 };

async function runOnce(cookie: string, n: number) {
  const started = performance.now();
  const response = await fetch(`${base}/api/executions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ language: "python", code: `print(sum(range(${n * 1000})))` }),
  });
  const retryAfter = Number(response.headers.get("retry-after") ?? "1");
  if (response.status !== 202) {
    await response.body?.cancel();
    return { status: response.status, retryAfter };
  }
  const { id } = AcceptedView.parse(await response.json());
  for (;;) {
    await sleep(200);
    const answer = await fetch(`${base}/api/executions/${id}`, { headers: { cookie } });
    // A busy or briefly unreachable server answers 429/503: ask again, as the browser does.
    if (!answer.ok) {
      await answer.body?.cancel();
      continue;
    }
    const body = ExecutionView.parse(await answer.json());
    if (isFinal(body.status)) return { status: 202, id, ms: performance.now() - started, retryAfter };
  }
}

async function learner(n: number, cookie: string, deadline: number) {
  while (Date.now() < deadline) {
    const outcome = await runOnce(cookie, n);
    if (outcome.status === 202 && outcome.id) {
      counts.accepted++;
      accepted.push(outcome.id);
      counts.completed++;
      endToEnd.push(outcome.ms ?? 0);
      // A learner reads the output and edits before the next run.
      await sleep(2000 + Math.random() * 6000);
    } else {
      if (outcome.status === 429) counts.quota++;
      else if (outcome.status === 503) counts.busy++;
      else counts.otherErrors++;
      await sleep(Math.min(outcome.retryAfter * 1000, Math.max(0, deadline - Date.now())));
    }
  }
}

const db = await createTestDb();
const stack = await startStack(db.url);
try {
  console.log(`load: signing up ${users} learners and warming their session sandboxes (not measured)`);
  const cookies: string[] = [];
  for (let i = 0; i < users; i += 10) {
    cookies.push(...(await Promise.all(Array.from({ length: Math.min(10, users - i) }, (_, k) => signIn(i + k + 1)))));
  }
  for (let i = 0; i < users; i += 4) {
    await Promise.all(cookies.slice(i, i + 4).map((cookie, k) => runOnce(cookie, i + k + 1)));
  }
  warmupRows.count = await countExecutions(db.db);
  // Runs of the warm-up are not counted; the limits are per minute, so start with a fresh one.
  await sleep(61_000);
  console.log(`load: ${users} signed-in learners for ${durationMs / 1000} s against ${base}`);
  const deadline = Date.now() + durationMs;
  await Promise.all(cookies.map((cookie, i) => learner(i + 1, cookie, deadline)));
  await sleep(5_000);

  const rows = await getExecutionsByIds(db.db, accepted);
  const allRows = await countExecutions(db.db);
  const lost = accepted.length - rows.filter((r) => isFinal(r.status)).length;
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
  console.log(`duplicated (extra rows):     ${allRows - warmupRows.count - new Set(accepted).size}`);
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
