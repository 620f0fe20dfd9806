// HTTP face of the runner: authenticate, validate, call one verb of the service, map its outcome to HTTP.
import { createHash, timingSafeEqual } from "node:crypto";
import { zValidator } from "@hono/zod-validator";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { type RequestIdVariables, requestId } from "hono/request-id";
import type { Logger } from "pino";
import type { ZodType } from "zod";
import type { AnswerOptions } from "./answers";
import { Capacity } from "./capacity";
import {
  defaultGradingSlots,
  formatIssues,
  GradeRequest,
  type RunnerBusy,
  type RunnerError,
  RunRequest,
  type WorkspaceMissing,
} from "./contract";
import { TerminalReadRequest, TerminalWriteRequest } from "./contract/terminal";
import type { SandboxHealth } from "./docker";
import { checkLiveRequest, type LiveRouteDeps, liveSocket } from "./live/route";
import { metricsRegistry } from "./metrics";
import { reportError } from "./sentry";
import { createRunnerService, type Outcome, type ServiceDeps } from "./service";
import { SandboxFilesError } from "./terminal/files";
import { checkTerminalRequest, type TerminalRequest, type TerminalRouteDeps, terminalSocket } from "./terminal/route";
import { NoSandboxError, type TerminalFiles } from "./terminal/service";

export interface AppDeps {
  /** Runs one validated request; `Engine.run` in production. */
  run: ServiceDeps["run"];
  /** Stops the runs in flight for an execution id; false when there are none. */
  cancel?: ServiceDeps["cancel"];
  /** Docker reachable and images present. */
  checkHealth: () => Promise<SandboxHealth>;
  token: string;
  logger: Logger;
  /** In-flight slots in all (RUNNER_MAX_CONCURRENT). */
  maxConcurrent: number;
  /** The slots, when something else (the terminals) shares them; else made from maxConcurrent and gradingSlots. */
  capacity?: Capacity;
  /** Slots gradings may hold at once (RUNNER_GRADING_SLOTS); half the slots by default. */
  gradingSlots?: number;
  answers?: Partial<AnswerOptions>;
  /** Drain (POST /v1/drain, or SIGTERM in server.ts): no new runs or gradings, those in flight finish. */
  drain?: { draining: () => boolean; start: () => void };
  /** The live view (GET /v1/live/:executionId); off (503) without it. */
  live?: Omit<LiveRouteDeps, "cancel">;
  /** The learner's terminal (GET /v1/terminal) and its file sync; off (503) without it. */
  terminal?: TerminalRouteDeps & { files: TerminalFiles };
}

type Env = {
  Variables: RequestIdVariables & {
    log: Logger;
    live: { userId: string; after: number };
    terminal: TerminalRequest;
  };
};

// A 5 MiB workspace, JSON-escaped, plus stdin fits below this.
const maxBodyBytes = 8 * 1024 * 1024;
const retryAfterSeconds = 1;

function fail(message: string): RunnerError {
  return { error: message };
}

const tooLarge = (c: Context) => c.json(fail("request body is larger than 8 MiB"), 413);
const streamedBodyLimit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });

/**
 * hono's bodyLimit, but a body whose Content-Length states its size is judged by that header alone (Node's HTTP
 * parser never reads past it): bodyLimit first touches `c.req.raw.body`, which on Node turns every request into
 * a web stream and costs the node adapter's direct body read, a measurable share of a short run's CPU.
 */
const limitBody: MiddlewareHandler = async (c, next) => {
  const length = c.req.header("content-length");
  if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamedBodyLimit(c, next);
  if (!/^\d+$/.test(length) || Number(length) > maxBodyBytes) return tooLarge(c);
  await next();
};

/** The JSON body checked against `schema`; a 400 listing every issue otherwise. */
function validJson<T extends ZodType>(schema: T) {
  return zValidator("json", schema, (result, c) => {
    if (!/^application\/([\w.-]+\+)?json\b/i.test(c.req.header("content-type") ?? "")) {
      return c.json(fail("request body must be JSON with content-type: application/json"), 415);
    }
    if (!result.success) return c.json(fail(formatIssues(result.error)), 400);
  });
}

function reply<T>(c: Context<Env>, outcome: Outcome<T>): Response {
  switch (outcome.kind) {
    case "answer":
      return c.json(outcome.answer as object, 200);
    case "busy": {
      c.header("Retry-After", String(retryAfterSeconds));
      const error =
        outcome.pool === "gradings"
          ? "busy: the gradings' share of the runner is in flight; runs still have room"
          : "busy: every slot of the runner is in flight";
      return c.json({ error, pool: outcome.pool } satisfies RunnerBusy, 429);
    }
    case "conflict":
      return c.json(fail(outcome.message), 409);
    case "missing":
      return c.json(
        {
          error: "the sandbox lacks the content of these files: send the same request again with their content",
          missing: outcome.missing,
        } satisfies WorkspaceMissing,
        409,
      );
    case "unavailable":
      c.header("Retry-After", String(retryAfterSeconds));
      return c.json(fail(outcome.message), 503);
  }
}

export function createApp(deps: AppDeps): Hono<Env> {
  const capacity =
    deps.capacity ?? new Capacity(deps.maxConcurrent, deps.gradingSlots ?? defaultGradingSlots(deps.maxConcurrent));
  const draining = () => deps.drain?.draining() ?? false;
  const service = createRunnerService({
    run: deps.run,
    cancel: deps.cancel,
    capacity,
    answers: deps.answers,
    draining,
  });
  const app = new Hono<Env>();

  app.use(requestId({ limitLength: 100 }));
  app.use(async (c, next) => {
    c.set("log", deps.logger.child({ requestId: c.var.requestId }));
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // bearerAuth's answers carry their own response; the JSON validator's malformed-body error does not.
      if (error.res) return error.getResponse();
      return c.json(fail(error.message), error.status);
    }
    c.var.log.error({ err: error }, "unhandled error");
    reportError(error, { method: c.req.method, path: c.req.routePath, requestId: c.var.requestId });
    return c.json(fail("internal error"), 500);
  });

  const unauthorized = (c: Context<Env>) => {
    c.var.log.warn("rejected a request without a valid token");
    return c.json(fail("missing or invalid bearer token"), 401);
  };
  // Compares in constant time (both sides hashed to equal lengths); every failure is one 401. Node's own hash:
  // bearerAuth's default digests both sides with WebCrypto on every request, a measurable share of a short run.
  const expected = sha256(deps.token);
  const requireToken = bearerAuth({
    verifyToken: (token) => timingSafeEqual(sha256(token), expected),
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: unauthorized },
  });

  // GET /healthz - Docker reachable and sandbox images present (their tags), and not draining
  app.get("/healthz", async (c) => {
    const health = await deps.checkHealth();
    if (health.ok && draining()) {
      c.header("Retry-After", String(retryAfterSeconds));
      return c.json({ ...health, ok: false, draining: true, reason: "the runner is draining" }, 503);
    }
    if (health.ok) return c.json({ ...health, draining: false }, 200);
    c.var.log.warn({ reason: health.reason }, "unhealthy");
    return c.json(health, 503);
  });

  // POST /v1/drain - stop taking new work, finish what is in flight, remove the sandboxes and exit
  app.post("/v1/drain", requireToken, (c) => {
    if (!deps.drain) return c.json(fail("this runner cannot drain"), 404);
    deps.drain.start();
    return c.json({ draining: true, inFlight: capacity.snapshot().inFlight }, 202);
  });

  // GET /metrics - Prometheus text: runs in flight, pool and sessions, sandbox start times, errors, draining
  app.get("/metrics", requireToken, async (c) => {
    c.header("content-type", metricsRegistry.contentType);
    c.header("cache-control", "no-store");
    return c.body(await metricsRegistry.metrics(), 200);
  });

  // GET /v1/capacity - slots in all, the gradings' share, and what is in flight
  app.get("/v1/capacity", requireToken, (c) => {
    const terminals = deps.terminal?.terminals?.counts();
    return c.json({ ...service.capacity(), ...(terminals ? { terminals } : {}) }, 200);
  });

  // DELETE /v1/executions/:id - stop a run that is still in flight
  app.delete("/v1/executions/:id", requireToken, (c) => {
    const id = c.req.param("id");
    if (!service.cancelRun(id)) return c.json(fail(`no run of ${id} is in flight`), 404);
    c.var.log.info({ executionId: id }, "run cancelled");
    return c.json({ cancelled: true }, 200);
  });

  const live: LiveRouteDeps = deps.live
    ? { ...deps.live, cancel: (id) => service.cancelRun(id) }
    : { registry: undefined as never, ticketKey: undefined, allowedOrigins: [], cancel: () => false };
  // GET /v1/live/:executionId - the browser's WebSocket to a run: a ticket (?ticket=) and an allowed Origin
  app.get(
    "/v1/live/:executionId",
    async (c, next) => {
      const check = checkLiveRequest(live, c);
      if (!check.ok) {
        c.var.log.warn({ executionId: c.req.param("executionId"), reason: check.error }, "live view refused");
        return c.json(fail(check.error), check.status);
      }
      c.set("live", { userId: check.userId, after: check.after });
      await next();
    },
    liveSocket(live, (c) => c.var.log),
  );

  const terminal: TerminalRouteDeps = deps.terminal ?? {
    terminals: undefined,
    ticketKey: undefined,
    allowedOrigins: [],
    graceMs: 0,
  };
  // GET /v1/terminal - the browser's WebSocket to a shell in its user's sandbox: a terminal ticket and an Origin
  app.get(
    "/v1/terminal",
    async (c, next) => {
      const check = checkTerminalRequest(terminal, c);
      if (!check.ok) {
        c.var.log.warn({ reason: check.error }, "terminal refused");
        return c.json(fail(check.error), check.status);
      }
      c.set("terminal", check);
      await next();
    },
    terminalSocket(terminal, (c) => c.var.log),
  );

  const files = deps.terminal?.files;
  const filesOff = (c: Context<Env>) => c.json(fail("the terminal is off on this runner"), 503);
  const filesFailed = (c: Context<Env>, error: unknown) => {
    if (error instanceof NoSandboxError) return c.json(fail(error.message), 409);
    if (error instanceof SandboxFilesError) return c.json(fail(error.message), 502);
    throw error;
  };
  // GET /v1/terminal/files?userId= - the user's sandbox's /workspace: path, sha256 and size of each file
  app.get("/v1/terminal/files", requireToken, async (c) => {
    const userId = c.req.query("userId") ?? "";
    if (!userId || userId.length > 200) return c.json(fail("userId is required"), 400);
    if (!files) return filesOff(c);
    return files.list(userId).then(
      (manifest) => c.json(manifest, 200),
      (error) => filesFailed(c, error),
    );
  });

  // POST /v1/terminal/files/read - the text of some files of the user's sandbox
  app.post("/v1/terminal/files/read", requireToken, limitBody, validJson(TerminalReadRequest), async (c) => {
    if (!files) return filesOff(c);
    const request = c.req.valid("json");
    return files.read(request.userId, request.paths).then(
      (result) => c.json(result, 200),
      (error) => filesFailed(c, error),
    );
  });

  // PUT /v1/terminal/files - write and remove files in the user's sandbox (the editor's changes)
  app.put("/v1/terminal/files", requireToken, limitBody, validJson(TerminalWriteRequest), async (c) => {
    if (!files) return filesOff(c);
    return files.write(c.req.valid("json")).then(
      (result) => c.json(result, 200),
      (error) => filesFailed(c, error),
    );
  });

  // POST /v1/executions - run one program (at most once per id) and answer its RunResult
  app.post("/v1/executions", requireToken, limitBody, validJson(RunRequest), async (c) => {
    const request = c.req.valid("json");
    return reply(c, await service.runProgram(request, c.var.log.child({ executionId: request.id })));
  });

  // POST /v1/gradings - grade a program against hidden tests (at most once per id) and answer its GradeResult
  app.post("/v1/gradings", requireToken, limitBody, validJson(GradeRequest), async (c) => {
    const request = c.req.valid("json");
    return reply(c, await service.gradeProgram(request, c.var.log.child({ submissionId: request.id })));
  });

  return app;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
