// The local stack (scripts/start-local.ts) for load and bench scripts: started on ports of their own against
// a database of their own, and learners signed up and in through the real auth routes. Loopback only.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inheritedEnv } from "./env";

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the whole stack and resolves once the web app answers; stop it with `process.kill(-child.pid)`. */
export async function startStack(opts: {
  port: number;
  runnerPort: number;
  databaseUrl: string;
  env?: Record<string, string>;
  /** How long the web app gets to answer (10 min by default), counted in polls 250 ms apart. */
  waitMs?: number;
}): Promise<ChildProcess> {
  const child = spawn("pnpm", ["exec", "tsx", join("scripts", "start-local.ts")], {
    cwd: webDir,
    env: {
      ...inheritedEnv,
      PORT: String(opts.port),
      RUNNER_PORT: String(opts.runnerPort),
      DATABASE_URL: opts.databaseUrl,
      LOG_LEVEL: "error",
      ...opts.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const polls = (opts.waitMs ?? 600_000) / 250;
  for (let i = 0; i < polls; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${opts.port}/api/healthz`)).ok) return child;
    } catch {
      // starting
    }
    await sleep(250);
  }
  throw new Error("the stack did not start");
}

/**
 * Signs a new learner up and in (next-auth credentials), returning their session cookie. `headers` go with each
 * of its requests (a proxy hop's x-forwarded-for, say).
 */
export async function signIn(base: string, prefix: string, headers: Record<string, string> = {}): Promise<string> {
  const username = `${prefix}-${Date.now().toString(36)}`;
  const password = "load-test-password";
  const created = await fetch(`${base}/api/account`, {
    method: "POST",
    // The site's own origin, as its pages send: state-changing calls from elsewhere are refused.
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify({ username, password, ageGroup: "16-plus" }),
  });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status}`);
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: base, ...headers },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = signedIn.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error("sign-in gave no session cookie");
  return session.split(";")[0] as string;
}
