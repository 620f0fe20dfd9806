// Runner entry point: check Docker and the image, sweep leftovers, serve, and drain on SIGTERM/SIGINT.
import { serve } from "@hono/node-server";
import pino from "pino";
import { createApp } from "./app";
import type { RunResult } from "./contract";
import { env } from "./env";
import { languages } from "./languages";
import { checkSandbox, createDocker, type RunnerContainer, removeRunnerContainers, runInSandbox } from "./sandbox";

const drainMs = 5_000;
const abortMs = 2_000;
/** Older than the longest possible run plus slack: no live runner can still own it. */
const staleAfterMs = 5 * 60_000;

const logger = pino({ level: env.LOG_LEVEL });
const docker = createDocker(env.DOCKER_SOCKET);
const image = languages.python.image;

function ownerAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(container: RunnerContainer): boolean {
  if (Date.now() - container.createdAt.getTime() > staleAfterMs) return true;
  return container.ownerPid === undefined || !ownerAlive(container.ownerPid);
}

const health = await checkSandbox(docker, image);
if (!health.ok) {
  console.error(`runner: refusing to start: ${health.reason}`);
  process.exit(1);
}

const swept = await removeRunnerContainers(docker, isStale, logger);
if (swept > 0) logger.warn({ count: swept }, "removed containers left by a previous runner");

const inFlight = new Set<Promise<RunResult>>();
const shutdownSignal = new AbortController();
const app = createApp({
  run: (request, log) => {
    const run = runInSandbox(docker, request, { logger: log, signal: shutdownSignal.signal });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  },
  checkHealth: () => checkSandbox(docker, image),
  token: env.RUNNER_TOKEN,
  logger,
  maxConcurrent: env.RUNNER_MAX_CONCURRENT,
});

const server = serve({ fetch: app.fetch, hostname: env.RUNNER_HOST, port: env.RUNNER_PORT }, (info) => {
  logger.info(
    { host: info.address, port: info.port, image, maxConcurrent: env.RUNNER_MAX_CONCURRENT },
    "runner listening",
  );
});

function settled(ms: number): Promise<boolean> {
  return Promise.race([
    Promise.allSettled(inFlight).then(() => true),
    new Promise<boolean>((resolve) => setTimeout(resolve, ms, false).unref()),
  ]);
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal, inFlight: inFlight.size }, "shutting down");
  server.close();
  if (!(await settled(drainMs))) {
    logger.warn({ inFlight: inFlight.size }, "runs still in flight after the drain period: stopping them");
    // Killed runs answer internal_error, so their callers get a response before the process exits.
    shutdownSignal.abort();
    await settled(abortMs);
  }
  const removed = await removeRunnerContainers(docker, (c) => c.ownerPid === process.pid, logger);
  if (removed > 0) logger.warn({ count: removed }, "force-removed this runner's remaining containers");
  logger.info("stopped");
  process.exit(0);
}

process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
