// Grading: the learner's files plus the grader (sandbox/grader/grader.py) in one one-shot sandbox of the
// request's language. The hidden tests and a fresh nonce (and, for JavaScript, the test harness) reach the grader
// on stdin; its verdict comes back as one stdout line carrying that nonce. Everything else the sandbox prints is
// the learner's and is ignored here.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sandboxRoot } from "@codeyard/sandbox";
import { z } from "zod";
import {
  type GradeRequest,
  type GradeResult,
  limitMaxima,
  type RunRequest,
  type RunResult,
  TestOutcome,
} from "./contract";
import { graderPath } from "./languages";

export { graderPath };

const graderSource = readFileSync(join(sandboxRoot, "grader", "grader.py"), "utf8");
const javascriptHarness = readFileSync(join(sandboxRoot, "grader", "harness.js"), "utf8");
const verdictPrefix = "CODEYARD-VERDICT ";

const Verdict = z.object({
  version: z.literal(3),
  status: z.enum(["pass", "fail", "error"]),
  message: z.string().max(4000).optional(),
  tests: z.array(TestOutcome).max(50),
});

export function gradingRun(request: GradeRequest, nonce: string): RunRequest {
  const wallMs = request.limits?.wallMs ?? limitMaxima.wallMs;
  // Each test gets an equal share of the wall clock, keeping a second for start-up and the verdict.
  const perTestMs = Math.max(500, Math.floor((wallMs - 1500) / request.tests.length));
  const harness = request.language === "javascript" ? { harness: javascriptHarness } : {};
  const header = JSON.stringify({ tests: request.tests, nonce, perTestMs, language: request.language, ...harness });
  return {
    id: request.id,
    language: request.language,
    files: [...request.files.filter((f) => f.path !== graderPath), { path: graderPath, content: graderSource }],
    entry: graderPath,
    stdin: `${Buffer.byteLength(header)}\n${header}`,
    limits: { wallMs, cpuMs: limitMaxima.cpuMs, outputBytes: 256 * 1024 },
  };
}

function errorResult(request: GradeRequest, result: RunResult, message: string): GradeResult {
  return {
    id: request.id,
    status: "error",
    message,
    tests: request.tests.map((t) => ({ name: t.name, status: "error" as const })),
    wallMs: result.wallMs,
  };
}

/** Reads the grader's verdict: exactly one line with this run's nonce, else the grading is an error. */
export function parseVerdict(request: GradeRequest, nonce: string, result: RunResult): GradeResult {
  const lines = result.stdout.split("\n").filter((line) => line.startsWith(verdictPrefix));
  const mine = lines.filter((line) => line.startsWith(`${verdictPrefix}${nonce} `));
  if (lines.length !== 1 || mine.length !== 1) {
    if (result.status === "timeout" || result.status === "cpu_limit") {
      return errorResult(request, result, "Your program took too long: is there an infinite loop?");
    }
    if (result.status === "memory_limit") return errorResult(request, result, "Your program used too much memory.");
    if (lines.length > mine.length) {
      return errorResult(request, result, "Your program tried to print a fake test result.");
    }
    return errorResult(request, result, "The tests could not finish. Please check your program and submit again.");
  }
  let parsed: z.infer<typeof Verdict>;
  try {
    parsed = Verdict.parse(JSON.parse((mine[0] as string).slice(verdictPrefix.length + nonce.length + 1)));
  } catch {
    return errorResult(request, result, "The tests could not finish. Please check your program and submit again.");
  }
  // The grader must answer for exactly the tests it was given, in order.
  if (parsed.tests.length !== request.tests.length || parsed.tests.some((t, i) => t.name !== request.tests[i]?.name)) {
    return errorResult(request, result, "The tests could not finish. Please check your program and submit again.");
  }
  return { id: request.id, ...parsed, wallMs: result.wallMs };
}

/** Grades with `run` (the engine); never throws for a learner's mistake. */
export async function gradeInSandbox(
  run: (request: RunRequest) => Promise<RunResult>,
  request: GradeRequest,
): Promise<GradeResult> {
  const nonce = randomBytes(16).toString("hex");
  const result = await run(gradingRun(request, nonce));
  if (result.status === "internal_error" || result.status === "cancelled") {
    throw new Error(`grading run ended as ${result.status}: ${result.message ?? ""}`);
  }
  return parseVerdict(request, nonce, result);
}
