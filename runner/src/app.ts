// HTTP face of the runner: authenticate, validate, bound concurrency, run one program, answer the result.
import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { type Context, Hono, type Next } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Logger } from "pino";
import type { ZodError } from "zod";
import { GradeRequest, type RunnerError, RunRequest, type RunResult, resolveLimits } from "./contract";
import type { SandboxHealth } from "./docker";
import { gradeInSandbox } from "./grading";

export interface AppDeps {
  /** Runs one validated request; `runInSandbox` bound to a Docker client in production. */
  run: (request: RunRequest, logger: Logger) => Promise<RunResult>;
  /** Stops the runs in flight for an execution id; false when there are none. */
  cancel?: (executionId: string) => boolean;
  /** Docker reachable and images present. */
  checkHealth: () => Promise<SandboxHealth>;
  token: string;
  logger: Logger;
  maxConcurrent: number;
}

type Env = { Variables: { log: Logger } };

// 20 files of 64 KiB, JSON-escaped, plus stdin fit well below this.
const maxBodyBytes = 4 * 1024 * 1024;

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time comparison; hashing first gives equal-length buffers without leaking the token's length. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

function describeIssues(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
}

function fail(message: string): RunnerError {
  return { error: message };
}

const limitBody = bodyLimit({
  maxSize: maxBodyBytes,
  onError: (c) => c.json(fail("request body is larger than 4 MiB"), 413),
});

/** The JSON body validated by `schema`, or the 400 that explains what is wrong with it. */
async function readBody<T>(
  c: Context<Env>,
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: ZodError } },
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { ok: false, response: c.json(fail("request body is not valid JSON"), 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: c.json(fail(describeIssues(parsed.error)), 400) };
  return { ok: true, data: parsed.data };
}

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();
  const expectedToken = digest(deps.token);
  let inFlight = 0;
  const busy = (c: Context<Env>) => {
    c.header("Retry-After", "1");
    return c.json(fail(`busy: ${deps.maxConcurrent} runs in flight`), 429);
  };

  app.use(async (c, next) => {
    const requestId = c.req.header("x-request-id")?.slice(0, 100) || randomUUID();
    c.set("log", deps.logger.child({ requestId }));
    c.header("x-request-id", requestId);
    await next();
  });

  app.onError((error, c) => {
    c.var.log.error({ err: error }, "unhandled error");
    return c.json(fail("internal error"), 500);
  });

  // GET /healthz - Docker reachable and sandbox image present
  app.get("/healthz", async (c) => {
    const health = await deps.checkHealth();
    if (health.ok) return c.json(health, 200);
    c.var.log.warn({ reason: health.reason }, "unhealthy");
    return c.json(health, 503);
  });

  const requireToken = async (c: Context<Env>, next: Next) => {
    if (!tokenMatches(c.req.header("authorization"), expectedToken)) {
      c.var.log.warn("rejected a request without a valid token");
      return c.json(fail("missing or invalid bearer token"), 401);
    }
    await next();
  };

  // DELETE /v1/executions/:id - stop a run that is still in flight
  app.delete("/v1/executions/:id", requireToken, (c) => {
    const id = c.req.param("id") ?? "";
    if (!deps.cancel?.(id)) return c.json(fail(`no run of ${id} is in flight`), 404);
    c.var.log.info({ executionId: id }, "run cancelled");
    return c.json({ cancelled: true }, 200);
  });

  // POST /v1/executions - run one program and answer its RunResult
  app.post("/v1/executions", requireToken, limitBody, async (c) => {
    const parsed = await readBody(c, RunRequest);
    if (!parsed.ok) return parsed.response;
    if (inFlight >= deps.maxConcurrent) return busy(c);
    const request = { ...parsed.data, limits: resolveLimits(parsed.data.limits) };
    const log = c.var.log.child({ executionId: request.id });
    inFlight++;
    try {
      const result = await deps.run(request, log);
      log.info(
        { status: result.status, exitCode: result.exitCode, wallMs: result.wallMs, cpuMs: result.cpuMs },
        "run finished",
      );
      return c.json(result, 200);
    } finally {
      inFlight--;
    }
  });

  // POST /v1/gradings - grade a program against hidden tests and answer Exercism-style results
  app.post("/v1/gradings", requireToken, limitBody, async (c) => {
    const parsed = await readBody(c, GradeRequest);
    if (!parsed.ok) return parsed.response;
    if (inFlight >= deps.maxConcurrent) return busy(c);
    const log = c.var.log.child({ submissionId: parsed.data.id });
    inFlight++;
    try {
      const result = await gradeInSandbox((request) => deps.run(request, log), parsed.data);
      log.info({ status: result.status, tests: result.tests.length, wallMs: result.wallMs }, "grading finished");
      return c.json(result, 200);
    } catch (error) {
      log.error({ err: error }, "grading failed");
      return c.json(fail("the grading sandbox failed; try again"), 503);
    } finally {
      inFlight--;
    }
  });

  return app;
}
