// `pnpm bench:load`: 100 simulated learners against the local stack for 60 s at the quota's pace (5 runs a
// minute each), in two passes: signed-in, then anonymous from 100 addresses (through TRUSTED_PROXY_HOPS, on
// loopback). Each pass is counted from the database itself, next to the runner-only ceiling of the same run.
// Then a class of 30 new guests press Run at the same moment: their first runs' times, with the default pool.
// An anonymous learner keeps its own cookie jar, as a browser does, so its runs share one guest session sandbox.
// Ports: LOAD_PORT and LOAD_RUNNER_PORT (3200 and 8903 by default).

import { createHash, randomBytes } from "node:crypto";
import { countExecutions, getExecutionsByIds } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { RunStatus } from "@codeyard/runner/contract";
import { AcceptedView, ExecutionView } from "../lib/executions/view";
import { env } from "./env";
import { signIn, startStack } from "./local-stack";

const users = Number(process.argv[2] ?? 100);
const durationMs = Number(process.argv[3] ?? 60) * 1000;
const port = env.LOAD_PORT;
const runnerPort = env.LOAD_RUNNER_PORT;
const runnerToken = randomBytes(24).toString("hex");
/** New guests whose first runs arrive together after the passes (a class told to press Run). */
const classSize = 30;
/** The quota's pace: 5 runs a minute. */
const paceMs = 12_000;
const base = `http://127.0.0.1:${port}`;
const isFinal = (status: string) => RunStatus.safeParse(status).success;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

const fresh = () => ({ accepted: 0, quota: 0, busy: 0, otherErrors: 0, completed: 0 });
let counts = fresh();
let endToEnd: number[] = [];
let accepted: string[] = [];

/** Learner `n` signed up and in from an address of their own, as the one trusted proxy hop reports it. */
function signInLearner(n: number): Promise<string> {
  return signIn(base, `load-${n}`, { "x-forwarded-for": address(n), origin: base });
}

type Headers = Record<string, string>;

/** A learner's cookies, kept from one answer to the next as a browser keeps them (the guest cookie). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  constructor(initial?: string) {
    if (initial) this.keep([initial]);
  }
  keep(setCookies: string[]) {
    for (const c of setCookies) {
      const pair = c.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  get header(): Headers {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }
}

interface Learner {
  jar: CookieJar;
  from: Headers;
}

/** Learner n's client address (1-based), a different one for each. */
const address = (n: number) => `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`;

async function runOnce(learner: Learner, n: number) {
  const started = performance.now();
  const response = await fetch(`${base}/api/executions`, {
    method: "POST",
    // Same-origin, as the site's own pages send it.
    headers: { "content-type": "application/json", origin: base, ...learner.from, ...learner.jar.header },
    body: JSON.stringify({ language: "python", code: `print(sum(range(${n * 1000})))` }),
  });
  learner.jar.keep(response.headers.getSetCookie());
  const who = { ...learner.from, ...learner.jar.header };
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

async function learner(n: number, who: Learner, deadline: number) {
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

/**
 * Runner-only ceiling: trivial runs straight at the runner, 16 at a time, for 10 s: one-shot (each needs a new
 * container) or in 16 session sandboxes (warmed first, not counted), the mode both passes now use.
 */
async function runnerCeiling(mode: "one-shot" | "session"): Promise<number> {
  const content = "print(1)";
  const sha256 = createHash("sha256").update(content).digest("hex");
  const body = (k: number, id: string) =>
    mode === "session"
      ? {
          id,
          language: "python",
          session: { userId: `ceiling-${k}` },
          workspace: { files: [{ path: "main.py", sha256, content }] },
        }
      : { id, language: "python", files: [{ path: "main.py", content }] };
  const post = (k: number, id: string) =>
    fetch(`http://127.0.0.1:${runnerPort}/v1/executions`, {
      method: "POST",
      headers: { authorization: `Bearer ${runnerToken}`, "content-type": "application/json" },
      body: JSON.stringify(body(k, id)),
    });
  if (mode === "session") {
    await Promise.all(
      Array.from({ length: 16 }, async (_, k) => (await post(k, `warm-${k}-${Date.now()}`)).body?.cancel()),
    );
  }
  const until = Date.now() + 10_000;
  let done = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, k) => {
      for (let i = 0; Date.now() < until; i++) {
        const response = await post(k, `ceiling-${mode}-${k}-${i}-${Date.now()}`);
        await response.body?.cancel();
        if (response.ok) done++;
        else await sleep(200);
      }
    }),
  );
  return done / 10;
}

/** A class pressing Run together: `size` new guests, from new addresses, send their first run at the same moment. */
async function classBurst(size: number, firstAddress: number): Promise<{ times: number[]; refused: number[] }> {
  const newcomers = Array.from({ length: size }, (_, k) => ({
    jar: new CookieJar(),
    from: { "x-forwarded-for": address(firstAddress + k) },
  }));
  const outcomes = await Promise.all(newcomers.map((l, k) => runOnce(l, firstAddress + k)));
  return {
    times: outcomes.flatMap((o) => (o.status === 202 && o.ms !== undefined ? [o.ms] : [])),
    refused: outcomes.flatMap((o) => (o.status === 202 ? [] : [o.status])),
  };
}

/** Warms each learner's sandbox with one run, 4 at a time (not measured); answers those runs' POST->final times. */
async function warm(learners: Learner[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < learners.length; i += 4) {
    const outcomes = await Promise.all(learners.slice(i, i + 4).map((l, k) => runOnce(l, i + k + 1)));
    for (const o of outcomes) if (o.status === 202 && o.ms !== undefined) times.push(o.ms);
  }
  return times;
}

async function measure(name: string, who: Learner[]) {
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

type Figures = Awaited<ReturnType<typeof measure>>;

/** The issue's targets, each met or MISSED. */
function verdicts(pass: Figures): string[] {
  const mark = (ok: boolean) => (ok ? "met   " : "MISSED");
  return [
    `${mark(pass.acceptedPercent >= 95)} accepted >= 95%: ${pass.acceptedPercent}% (${pass.accepted}; refused ${pass.refusedByQuota} by quota, ${pass.refusedByBackpressure} by backpressure, ${pass.otherErrors} other)`,
    `${mark(pass.lost === 0)} lost = 0: ${pass.lost}`,
    `${mark(pass.duplicated === 0)} duplicated = 0: ${pass.duplicated}`,
    `${mark(pass.ok === pass.accepted)} every accepted run ends ok: ${pass.ok}/${pass.accepted} ${JSON.stringify(pass.statuses)}`,
    `${mark(pass.queueWaitP95Ms < 1000)} queue wait p95 < 1 s: ${pass.queueWaitP95Ms} ms`,
    `${mark(pass.postToFinalP95Ms < 1500)} POST->final p95 < 1.5 s: ${pass.postToFinalP95Ms} ms (p50 ${pass.postToFinalP50Ms} ms)`,
  ];
}

const summary = (label: string, times: number[]) =>
  `${label}: ${times.length} runs, POST->final p50 ${Math.round(percentile(times, 50))} ms, p95 ${Math.round(percentile(times, 95))} ms`;

const db = await createTestDb();
const stack = await startStack({
  port,
  runnerPort,
  databaseUrl: db.url,
  env: {
    RUNNER_TOKEN: runnerToken,
    // Anonymous learners come from 100 addresses, given by the one (loopback) proxy hop.
    TRUSTED_PROXY_HOPS: "1",
    // One session sandbox per signed-in learner, as in production (defaults are for a small host).
    RUNNER_MAX_SESSIONS: String(users + 10),
    RUNNER_MAX_CONCURRENT: "16",
    RUNNER_CONCURRENCY: "16",
  },
  // Up to 30 min: the first start builds the web app, which a busy 2-core machine does slowly.
  waitMs: 30 * 60_000,
});
try {
  console.log(`load: signing up ${users} learners and warming their session sandboxes (not measured)`);
  const cookies: string[] = [];
  for (let i = 0; i < users; i += 10) {
    cookies.push(
      ...(await Promise.all(Array.from({ length: Math.min(10, users - i) }, (_, k) => signInLearner(i + k + 1)))),
    );
  }
  const signedInLearners = cookies.map((cookie, i) => ({
    jar: new CookieJar(cookie),
    from: { "x-forwarded-for": address(i + 1) },
  }));
  const signedInWarm = await warm(signedInLearners);
  // Runs of the warm-up are not counted; the limits are per minute, so start with a fresh one.
  await sleep(61_000);
  const signedIn = await measure("signed-in", signedInLearners);
  await sleep(61_000);
  // Guests with empty cookie jars: the first run sets the guest cookie and starts the guest's session sandbox.
  console.log(`load: ${users} new guests' first runs (each starts a guest session sandbox; not measured)`);
  const guests = cookies.map((_, i) => ({ jar: new CookieJar(), from: { "x-forwarded-for": address(i + 1) } }));
  const guestWarm = await warm(guests);
  const withCookie = guests.filter((g) => g.jar.header.cookie?.includes("codeyard-guest=")).length;
  await sleep(61_000);
  const anonymous = await measure("anonymous", guests);
  console.log(`load: a class of ${classSize} new guests pressing Run at the same moment`);
  const burst = await classBurst(classSize, users + 1);
  const ceilings = { session: await runnerCeiling("session"), oneShot: await runnerCeiling("one-shot") };
  console.log("");
  console.log(
    `runner-only ceiling: ${ceilings.session.toFixed(1)} session runs/s, ${ceilings.oneShot.toFixed(1)} one-shot runs/s (16 at a time, straight at the runner)`,
  );
  console.log(summary("signed-in warm-up (first run of a user: new session sandbox)", signedInWarm));
  console.log(
    summary(`guest first runs (new session sandbox; ${withCookie}/${guests.length} got a guest cookie)`, guestWarm),
  );
  console.log(
    `${summary(`class burst (${classSize} new guests at once, the runner's default pool)`, burst.times)}, slowest ${Math.round(Math.max(...burst.times))} ms; refused ${burst.refused.length} ${JSON.stringify(burst.refused)}`,
  );
  for (const pass of [signedIn, anonymous]) {
    const perSecond = pass.accepted / (durationMs / 1000);
    console.log(
      `${pass.pass} pass: ${perSecond.toFixed(2)} runs/s = ${(perSecond / ceilings.session).toFixed(3)} of the runner's session ceiling`,
    );
    for (const line of verdicts(pass)) console.log(`  ${line}`);
  }
} finally {
  if (stack.pid) process.kill(-stack.pid, "SIGTERM");
  await sleep(3_000);
  await db.close();
}
