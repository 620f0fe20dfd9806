// `pnpm start` (production build) and `pnpm dev`: Codeyard on one machine with embedded defaults.
// Needs Node, pnpm and a running Docker engine. Starts the runner and the web app, stops both on exit.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { env, inheritedEnv } from "./env";
import { whenLauncherGone } from "./launchers";

const webDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(webDir, "..");
const dev = process.argv.includes("--dev");
const children: ChildProcess[] = [];

function say(message: string) {
  console.log(`\x1b[36m[codeyard]\x1b[0m ${message}`);
}

function fail(message: string): never {
  console.error(`\x1b[31m[codeyard]\x1b[0m ${message}`);
  stopAll(1);
  process.exit(1);
}

function runStep(title: string, cmd: string, args: string[], childEnv: NodeJS.ProcessEnv, cwd = repoDir) {
  say(title);
  const result = spawnSync(cmd, args, { cwd, env: childEnv, stdio: "inherit" });
  if (result.status !== 0) fail(`${title} failed (exit ${result.status ?? result.signal}).`);
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["web/app", "web/components", "web/lib", "drizzle/src", "inngest/src", "runner/src"];
  return sources.some((dir) => newestMtime(join(repoDir, dir)) > built);
}

/** Signals a child's whole process group: pnpm does not pass a signal on to the program it started. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Stops every child; this process stays until they exit (the runner removes its sandboxes first). */
function stopAll(code: number) {
  for (const child of children) signalGroup(child, "SIGTERM");
  process.exitCode = code;
  // Past the runner's drain, whatever is left is killed.
  setTimeout(() => {
    for (const child of children) signalGroup(child, "SIGKILL");
  }, 90_000).unref();
}

async function waitForHttp(url: string, what: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`${what} exited during start-up (code ${child.exitCode}); see its log above.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${what} did not answer at ${url} within ${timeoutMs / 1000} s.`);
}

function start(name: string, cmd: string, args: string[], childEnv: NodeJS.ProcessEnv, cwd = repoDir) {
  // Its own process group, so a stop reaches the program and not only pnpm.
  const child = spawn(cmd, args, { cwd, env: childEnv, stdio: "inherit", detached: true });
  child.on("exit", (code, signal) => {
    if (process.exitCode === undefined) {
      say(`${name} stopped (${signal ?? `exit ${code}`}); stopping Codeyard.`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(0));
// A SIGTERM to `pnpm start` alone ends pnpm without passing it on: its end stops Codeyard too.
whenLauncherGone(() => {
  if (process.exitCode !== undefined) return;
  say("The command that started Codeyard has ended; stopping Codeyard.");
  stopAll(0);
});

if (spawnSync("docker", ["info"], { stdio: "ignore" }).status !== 0) {
  fail(
    "Codeyard runs code in Docker containers, and no Docker engine answers.\n" +
      "  Start one (Linux: `sudo systemctl start docker`, or see README > Troubleshooting), then run this again.",
  );
}

const token = env.RUNNER_TOKEN ?? randomBytes(24).toString("hex");
// Signs the tickets browsers open live-run and terminal sockets with; the web app and the runner share it.
const ticketKey = env.RUNNER_TICKET_KEY ?? randomBytes(32).toString("hex");
// Sessions must survive a restart, so the generated signing secret is kept with the local data.
function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = join(repoDir, ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
const everyInterface = ["0.0.0.0", "::", "[::]"].includes(env.HOST);
const loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].includes(env.HOST);
// The address people type: localhost on loopback or every interface, else the one address listened on.
const bracketed = env.HOST.includes(":") && !env.HOST.startsWith("[") ? `[${env.HOST}]` : env.HOST;
const siteHost = everyInterface || loopback ? "localhost" : bracketed;
const runnerUrl = env.RUNNER_URL ?? `http://${env.RUNNER_HOST}:${env.RUNNER_PORT}`;
const pgliteDir = env.PGLITE_DIR ?? join(repoDir, ".data", "pglite");
if (!env.DATABASE_URL) mkdirSync(pgliteDir, { recursive: true });
const childEnv: NodeJS.ProcessEnv = {
  ...inheritedEnv,
  RUNNER_TOKEN: token,
  RUNNER_TICKET_KEY: ticketKey,
  RUNNER_URL: runnerUrl,
  RUNNER_HOST: env.RUNNER_HOST,
  RUNNER_PORT: String(env.RUNNER_PORT),
  PGLITE_DIR: pgliteDir,
  PORT: String(env.PORT),
  HOST: env.HOST,
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://${siteHost}:${env.PORT}`,
};
// The runner accepts live and terminal sockets only from pages of this site.
childEnv.RUNNER_ALLOWED_ORIGINS ??= [
  new URL(childEnv.NEXTAUTH_URL as string).origin,
  `http://localhost:${env.PORT}`,
  `http://127.0.0.1:${env.PORT}`,
].join(",");

runStep("Checking the sandbox image (built once, a few minutes the first time)", "pnpm", ["sandbox:build"], childEnv);
runStep(
  env.DATABASE_URL
    ? "Applying migrations to DATABASE_URL"
    : `Applying migrations to the embedded database in ${pgliteDir}`,
  "pnpm",
  ["db:migrate"],
  childEnv,
);
runStep("Preparing the editor files", "pnpm", ["run", "prepare:monaco"], childEnv, webDir);
const webEnv: NodeJS.ProcessEnv = { ...childEnv, NODE_ENV: dev ? "development" : "production" };
if (!dev && buildIsStale()) runStep("Building the web app", "pnpm", ["exec", "next", "build"], webEnv, webDir);

const runner = start("runner", "pnpm", ["-F", "@codeyard/runner", "start"], childEnv);
await waitForHttp(`${runnerUrl}/healthz`, "The runner", runner, 60_000);
say(`Runner ready at ${runnerUrl}`);

// Listens on HOST (127.0.0.1 unless told otherwise), so a plain `pnpm start` is not reachable from the network.
const nextArgs = ["exec", "next", dev ? "dev" : "start", "-H", env.HOST, "-p", String(env.PORT)];
const web = start("web", "pnpm", nextArgs, webEnv, webDir);
const probeHost = everyInterface ? "127.0.0.1" : bracketed;
await waitForHttp(`http://${probeHost}:${env.PORT}/api/healthz`, "The web app", web, 120_000);
say(`Codeyard is running at http://${siteHost}:${env.PORT}  (Ctrl+C stops it)`);
if (everyInterface) {
  say(`HOST=${env.HOST}: other machines on your network can reach it too; set NEXTAUTH_URL to the address they use.`);
}
