// `pnpm bench:load`: 100 simulated learners against the local stack for 60 s at the quota's pace (5 runs a
// minute each), in two passes: signed-in, then anonymous from 100 addresses (through TRUSTED_PROXY_HOPS, on
// loopback). Each pass is counted from the database itself, next to the runner-only ceiling of the same run.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { countExecutions, getExecutionsByIds } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { RunStatus } from "@codeyard/runner/contract";
import { AcceptedView, ExecutionView } from "../lib/executions/view";
import { inheritedEnv } from "./env";

const users = Number(process.argv[2] ?? 100);
const durationMs = Number(process.argv[3] ?? 60) * 1000;
const port = 3200;
const runnerPort = 8903;
const runnerToken = randomBytes(24).toString("hex");
/** The quota's pace: 5 runs a minute. */
const paceMs = 12_000;
const base = `http://127.0.0.1:${port}`;
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const isFinal = (status: string) => RunStatus.safeParse(status).success;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

async function startStack(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn("pnpm", ["exec", "tsx", join("scripts", "start-local.ts")], {
    cwd: webDir,
    env: {
      ...inheritedEnv,
      PORT: String(port),
      RUNNER_PORT: String(runnerPort),
      RUNNER_TOKEN: runnerToken,
      // Anonymous learners come from 100 addresses, given by the one (loopback) proxy hop.
      TRUSTED_PROXY_HOPS: "1",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "error",
      // One session sandbox per signed-in learner, as in production (defaults are for a small host).
      RUNNER_MAX_SESSIONS: String(users + 10),
      RUNNER_MAX_CONCURRENT: "16",
      RUNNER_CONCURRENCY: "16",
    },
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

const fresh = () => ({ accepted: 0, quota: 0, busy: 0, otherErrors: 0, completed: 0 });
let counts = fresh();
let endToEnd: number[] = [];
let accepted: string[] = [];

/** Signs a new learner up and in (next-auth credentials), returning their session cookie. */
async function signIn(n: number): Promise<string> {
  // Every learner from an address of their own, as the one trusted proxy hop reports it.
  const from = { "x-forwarded-for": address(n), origin: base };
  const username = `load-${n}-${Date.now().toString(36)}`;
  const password = "load-test-password";
  const created = await fetch(`${base}/api/account`, {
    method: "POST",
    headers: { "content-type": "application/json", ...from },
    body: JSON.stringify({ username, password, ageGroup: "16-plus" }),
  });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status}`);
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: from });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, ...from },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error("sign-in gave no session cookie");
  return session.split(";")[0] as string;
}

type Headers = Record<string, string>;

/** Learner n's client address (1-based), a different one for each. */
const address = (n: number) => `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;

async function runOnce(who: Headers, n: number) {
  const started = performance.now();
  const response = await fetch(`${base}/api/executions`, {
    method: "POST",
    // Same-origin, as the site's own pages send it.
    headers: { "content-type": "application/json", origin: base, ...who },
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
    const answer = await fetch(`${base}/api/executions/${id}`, { headers: who });
    // A busy or briefly unreachable server answers 429/503: ask again, as the browser does.
    if (!answer.ok) {
      await answer.body?.cancel();
      continue;
    }
    const body = ExecutionView.parse(await answer.json());
    if (isFinal(body.status)) return { status: 202, id, ms: performance.now() - started, retryAfter };
  }
}

async function learner(n: number, who: Headers, deadline: number) {
  // Spread over the first interval, then one run every 12 s (a refused one is tried again after Retry-After).
  let next = Date.now() + Math.random() * paceMs;
  while (next < deadline) {
    await sleep(Math.max(0, next - Date.now()));
    const outcome = await runOnce(who, n);
    if (outcome.status === 202 && outcome.id) {
      counts.accepted++;
      accepted.push(outcome.id);
      counts.completed++;
      endToEnd.push(outcome.ms ?? 0);
      next += paceMs;
    } else {
      if (outcome.status === 429) counts.quota++;
      else if (outcome.status === 503) counts.busy++;
      else counts.otherErrors++;
      next = Date.now() + outcome.retryAfter * 1000;
    }
  }
}

/** Runner-only ceiling: one-shot trivial runs straight at the runner, 16 at a time, for 10 s. */
async function runnerCeiling(): Promise<number> {
  const until = Date.now() + 10_000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, k) => {
      for (let i = 0; Date.now() < until; i++) {
        const response = await fetch(`http://127.0.0.1:${runnerPort}/v1/executions`, {
          method: "POST",
          headers: { authorization: `Bearer ${runnerToken}`, "content-type": "application/json" },
          body: JSON.stringify({
            id: `ceiling-${k}-${i}-${Date.now()}`,
            language: "python",
            files: [{ path: "main.py", content: "print(1)" }],
          }),
        });
        await response.body?.cancel();
        if (response.ok) done++;
        else await sleep(200);
      }
    }),
  );
  return done / 10;
}

async function measure(name: string, who: Headers[]) {
  counts = fresh();
  endToEnd = [];
  accepted = [];
  const rowsBefore = await countExecutions(db.db);
  console.log(`load: ${who.length} ${name} learners for ${durationMs / 1000} s against ${base}`);
  const deadline = Date.now() + durationMs;
  await Promise.all(who.map((w, i) => learner(i + 1, w, deadline)));
  await sleep(5_000);
  const rows = await getExecutionsByIds(db.db, accepted);
  const allRows = await countExecutions(db.db);
  const lost = accepted.length - rows.filter((r) => isFinal(r.status)).length;
  const queueWaits = rows
    .filter((r) => r.startedAt)
    .map((r) => (r.startedAt as Date).getTime() - r.createdAt.getTime());
  const byStatus = new Map<string, number>();
  for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const asked = counts.accepted + counts.quota + counts.busy + counts.otherErrors;
  const figures = {
    pass: name,
    acceptedPercent: Number(((100 * counts.accepted) / Math.max(1, asked)).toFixed(1)),
    accepted: counts.accepted,
    refusedByQuota: counts.quota,
    refusedByBackpressure: counts.busy,
    otherErrors: counts.otherErrors,
    lost,
    duplicated: allRows - rowsBefore - new Set(accepted).size,
    ok: byStatus.get("ok") ?? 0,
    statuses: Object.fromEntries(byStatus),
    queueWaitP95Ms: Math.round(percentile(queueWaits, 95)),
    postToFinalP50Ms: Math.round(percentile(endToEnd, 50)),
    postToFinalP95Ms: Math.round(percentile(endToEnd, 95)),
  };
  console.log(figures);
  return figures;
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
    await Promise.all(
      cookies.slice(i, i + 4).map((cookie, k) => runOnce({ cookie, "x-forwarded-for": address(i + k + 1) }, i + k + 1)),
    );
  }
  // Runs of the warm-up are not counted; the limits are per minute, so start with a fresh one.
  await sleep(61_000);
  const signedIn = await measure(
    "signed-in",
    cookies.map((cookie, i) => ({ cookie, "x-forwarded-for": address(i + 1) })),
  );
  await sleep(61_000);
  const anonymous = await measure(
    "anonymous",
    cookies.map((_, i) => ({ "x-forwarded-for": address(i + 1) })),
  );
  const ceiling = await runnerCeiling();
  console.log(`runner-only ceiling: ${ceiling.toFixed(1)} one-shot runs/s (16 at a time)`);
  for (const pass of [signedIn, anonymous]) {
    const perSecond = pass.accepted / (durationMs / 1000);
    console.log(
      `${pass.pass}: ${pass.acceptedPercent}% accepted, lost ${pass.lost}, duplicated ${pass.duplicated}, ok ${pass.ok}/${pass.accepted}, queue wait p95 ${pass.queueWaitP95Ms} ms, POST->final p95 ${pass.postToFinalP95Ms} ms, ${perSecond.toFixed(2)} runs/s = ${(perSecond / ceiling).toFixed(2)} of the runner's ceiling`,
    );
  }
} finally {
  if (stack.pid) process.kill(-stack.pid, "SIGTERM");
  await sleep(3_000);
  await db.close();
}
