// Runner entry point: check Docker and the images, sweep leftovers, warm the pool, serve, and drain on
// SIGTERM/SIGINT.
import { serve } from "@hono/node-server";
import pino from "pino";
import { WebSocketServer } from "ws";
import { createApp } from "./app";
import { Capacity } from "./capacity";
import { checkSandbox, createDocker, type RunnerContainer, removeRunnerContainers, runnerInstance } from "./docker";
import { Engine } from "./engine";
import { env } from "./env";
import { pullMissingImages } from "./images";
import { languages } from "./languages";
import { LiveRegistry } from "./live/registry";
import { liveSocketOptions } from "./live/route";
import { registerRunnerGauges } from "./metrics";
import { flushSentry, initSentry } from "./sentry";
import { createTerminalFiles } from "./terminal/service";
import { TerminalManager } from "./terminal/terminals";

const abortMs = 2_000;

const logger = pino({ level: env.LOG_LEVEL });
// First, so a failing start is reported too (the SDK also reports uncaught exceptions and rejections).
await initSentry(env.SENTRY_DSN, env.SENTRY_ENVIRONMENT);
const docker = createDocker(env.DOCKER_SOCKET);

function ownerAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const instance = runnerInstance(env.RUNNER_INSTANCE_ID);

/**
 * A named instance's leftovers are its own containers (one process per instance at a time); without a name, only
 * a dead owner makes a pool or session sandbox a leftover (one runner per engine, or several on one host).
 */
function isLeftover(container: RunnerContainer): boolean {
  if (env.RUNNER_INSTANCE_ID !== undefined) return container.instance === instance;
  return container.ownerPid === undefined || !ownerAlive(container.ownerPid);
}

// A closed log pipe (the parent that read it stopped first) must not end the process before its cleanup.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

if (env.SANDBOX_REGISTRY !== undefined) {
  const tags = Object.values(languages).map((l) => l.image);
  try {
    await pullMissingImages(docker, env.SANDBOX_REGISTRY, tags, logger);
  } catch (error) {
    console.error(`runner: refusing to start: ${(error as Error).message}`);
    await flushSentry();
    process.exit(1);
  }
}

const health = await checkSandbox(docker);
if (!health.ok) {
  console.error(`runner: refusing to start: ${health.reason}`);
  process.exit(1);
}

const swept = await removeRunnerContainers(docker, isLeftover, logger);
if (swept > 0) logger.warn({ count: swept }, "removed containers left by a previous runner");

let stopping = false;
const live = new LiveRegistry();
const engine = new Engine(docker, {
  live,
  interactiveWallMs: env.RUNNER_INTERACTIVE_WALL_MS,
  poolSize: env.RUNNER_POOL_SIZE,
  sessionIdleMs: env.RUNNER_SESSION_IDLE_MS,
  guestSessionIdleMs: env.RUNNER_GUEST_IDLE_MS,
  maxSessions: env.RUNNER_MAX_SESSIONS,
  logger,
});
engine.start();
// Runs, gradings and terminals share one set of slots (see capacity.ts).
const capacity = new Capacity(env.RUNNER_MAX_CONCURRENT, env.RUNNER_GRADING_SLOTS, env.RUNNER_TERMINALS_PER_SLOT);
const terminals = new TerminalManager({
  docker,
  hold: (userId) => engine.sessions.hold(userId),
  graceMs: env.RUNNER_TERMINAL_GRACE_MS,
  idleMs: env.RUNNER_TERMINAL_IDLE_MS,
  perUser: env.RUNNER_TERMINALS_PER_USER,
  max: env.RUNNER_MAX_TERMINALS,
  slot: () => capacity.takeTerminal(),
  logger,
});
terminals.start();
registerRunnerGauges({
  runsInFlight: () => engine.runsInFlight,
  pool: () => engine.pool.stats(),
  sessions: () => engine.sessions.size,
  terminals: () => terminals.counts(),
  terminalSlots: () => capacity.snapshot().inFlight.terminals ?? 0,
  draining: () => stopping,
});

const app = createApp({
  run: (request, log) => engine.run(request, log),
  cancel: (executionId) => engine.cancel(executionId),
  checkHealth: () => checkSandbox(docker),
  token: env.RUNNER_TOKEN,
  logger,
  maxConcurrent: env.RUNNER_MAX_CONCURRENT,
  gradingSlots: env.RUNNER_GRADING_SLOTS,
  capacity,
  answers: { ttlMs: env.RUNNER_ANSWER_TTL_MS, maxEntries: env.RUNNER_ANSWER_ENTRIES },
  drain: { draining: () => stopping, start: () => void shutdown("drain") },
  live: { registry: live, ticketKey: env.RUNNER_TICKET_KEY, allowedOrigins: env.RUNNER_ALLOWED_ORIGINS },
  terminal: {
    terminals,
    ticketKey: env.RUNNER_TICKET_KEY,
    allowedOrigins: env.RUNNER_ALLOWED_ORIGINS,
    graceMs: env.RUNNER_TERMINAL_GRACE_MS,
    files: createTerminalFiles(docker, (userId) => engine.sessions.sandboxOf(userId)),
  },
});

const websocket = { server: new WebSocketServer(liveSocketOptions) };
const server = serve({ fetch: app.fetch, hostname: env.RUNNER_HOST, port: env.RUNNER_PORT, websocket }, (info) => {
  logger.info(
    {
      host: info.address,
      port: info.port,
      images: health.images,
      maxConcurrent: env.RUNNER_MAX_CONCURRENT,
      gradingSlots: env.RUNNER_GRADING_SLOTS,
      poolSize: env.RUNNER_POOL_SIZE,
      instance,
    },
    "runner listening",
  );
});

async function drained(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (engine.runsInFlight > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Drains: new runs and gradings get 503 (the caller sends them elsewhere) while those in flight finish. */
async function shutdown(signal: NodeJS.Signals | "drain"): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, inFlight: engine.runsInFlight, drainMs: env.RUNNER_DRAIN_MS }, "draining");
  const finished = await drained(env.RUNNER_DRAIN_MS);
  server.close();
  live.stop();
  await terminals.stop();
  if (!finished) {
    // Killed runs answer internal_error, so their callers get a response before the process exits.
    logger.warn({ inFlight: engine.runsInFlight }, "runs still in flight after the drain period: stopping them");
  }
  await Promise.race([engine.stop(), new Promise((resolve) => setTimeout(resolve, abortMs + 5_000).unref())]);
  await drained(abortMs);
  const removed = await removeRunnerContainers(docker, (c) => c.instance === instance, logger);
  if (removed > 0) logger.warn({ count: removed }, "force-removed this runner's remaining containers");
  logger.info("stopped");
  await flushSentry();
  process.exit(0);
}

// `on`, not `once`: a second SIGTERM (pnpm passes one on beside the group's) must not kill the drain.
process.on("SIGTERM", (signal) => void shutdown(signal));
process.on("SIGINT", (signal) => void shutdown(signal));
