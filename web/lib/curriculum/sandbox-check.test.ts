// Every reference solution passes its hidden and example tests in the real sandbox grader, and no starter does:
// a real runner process, real Docker, the same grading path a learner's Submit takes, in the exercise's language.
// Exercises are graded `parallel` at a time, each in a warm one-shot sandbox of the runner's pool.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GradeResult, mainFile, type RunnerLanguage } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getExercise, loadCurriculum } from "./load";
import type { ExerciseTest } from "./schema";

const runnerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "runner");
const token = randomBytes(24).toString("hex");
/** Gradings in flight at once: the runner's grading slots, one slot left for runs. */
const parallel = 3;
let runner: ChildProcess | undefined;
let base = "";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  runner = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: runnerDir,
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH,
      RUNNER_TOKEN: token,
      RUNNER_PORT: String(port),
      RUNNER_POOL_SIZE: String(parallel),
      RUNNER_MAX_CONCURRENT: String(parallel + 1),
      RUNNER_GRADING_SLOTS: String(parallel),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    if (runner.exitCode !== null) throw new Error("the runner exited: is Docker up and `pnpm sandbox:build` done?");
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the runner did not become healthy within 60 s");
}, 90_000);

afterAll(() => {
  runner?.kill("SIGTERM");
});

let active = 0;
const waiting: (() => void)[] = [];

/** At most `parallel` gradings at once, so none waits on a 429 while another holds its slot. */
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  while (active >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  try {
    return await work();
  } finally {
    active--;
    waiting.shift()?.();
  }
}

/**
 * Grades, and grades again (twice at most) a verdict that only timed out: on a crowded host a node start alone can
 * use up a test's time. The check is about answers, not speed, and a real endless loop times out every time.
 */
async function gradeSettled(code: string, tests: ExerciseTest[], language: RunnerLanguage) {
  for (let attempt = 1; ; attempt++) {
    const verdict = await gradeWith(code, tests, language);
    const timedOut = verdict.tests.some((t) => t.status === "error" && /timed out/.test(t.message ?? ""));
    if (verdict.status !== "error" || !timedOut || attempt === 3) return verdict;
  }
}

async function gradeWith(code: string, tests: ExerciseTest[], language: RunnerLanguage = "python") {
  const body = JSON.stringify({
    id: `check-${randomBytes(4).toString("hex")}`,
    language,
    files: [{ path: mainFile[language], content: code }],
    tests,
  });
  return withSlot(() => post(body));
}

async function post(body: string) {
  for (let unstarted = 0; ; ) {
    const response = await fetch(`${base}/v1/gradings`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body,
    });
    // At capacity the runner says when to come back, as it would to the grading workflow.
    if (response.status === 429) {
      await response.body?.cancel();
      await new Promise((r) => setTimeout(r, 1000 * Number(response.headers.get("retry-after") ?? 1)));
      continue;
    }
    // A grading that could not start (no sandbox became ready on a crowded host) may be sent again, as the
    // grading workflow does; a few times only, so a runner that never starts one still fails the check.
    if (response.status === 503 && unstarted++ < 3) {
      await response.body?.cancel();
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    expect(response.status).toBe(200);
    return GradeResult.parse(await response.json());
  }
}

// CURRICULUM_ONLY=8-11/first-steps checks the exercises under one prefix while an author works on them.
const only = process.env.CURRICULUM_ONLY ?? "";
const ids = loadCurriculum()
  .groups.flatMap((g) => g.levels.flatMap((l) => l.exercises.map((e) => e.id)))
  .filter((id) => id.startsWith(only));

// Concurrent: vitest starts a few exercises at once, and withSlot keeps `parallel` gradings in the runner.
describe.concurrent("curriculum in the real sandbox grader", () => {
  it.each(ids)("%s: the reference solution passes, the starter does not", { timeout: 300_000 }, async (id) => {
    const exercise = getExercise(id);
    if (!exercise) throw new Error(`no exercise ${id}`);
    const [solution, starter] = await Promise.all([
      gradeSettled(exercise.solution, exercise.tests, exercise.language),
      gradeSettled(exercise.starter, exercise.tests, exercise.language),
    ]);
    expect(solution.status, JSON.stringify(solution)).toBe("pass");
    // The examples (shown tests) too, by name: what the lesson promises the learner their answer will do.
    const examples = exercise.tests.filter((t) => t.shown).map((t) => t.name);
    const passed = solution.tests.filter((t) => t.status === "pass").map((t) => t.name);
    expect(examples.length).toBeGreaterThan(0);
    expect(passed).toEqual(expect.arrayContaining(examples));
    // A wrong answer, not a crash: the starter runs cleanly and fails at least one test.
    expect(starter.status, JSON.stringify(starter)).toBe("fail");
  });
});

// The comparison rule web/content/README.md promises exercise authors, checked in the production grader.
describe("the grader's rule, as authors rely on it", () => {
  it("a function test wants the same value and type: 3.0 is not 3, '3' is not 3", { timeout: 180_000 }, async () => {
    const verdict = await gradeWith("def add(a, b):\n    return a + b\n", [
      { name: "an int", call: "add(1, 2)", expect: "3", shown: true },
      { name: "a float", call: "add(1, 2)", expect: "3.0", shown: true },
      { name: "a string", call: "add(1, 2)", expect: "'3'", shown: true },
      { name: "float sums within rounding", call: "add(0.1, 0.2)", expect: "0.3", shown: true },
    ]);
    expect(verdict.tests.map((t) => [t.name, t.status])).toEqual([
      ["an int", "pass"],
      ["a float", "fail"],
      ["a string", "fail"],
      ["float sums within rounding", "pass"],
    ]);
  });

  it("a JavaScript function test wants the same JSON value: '3' is not 3, key order is free", {
    timeout: 180_000,
  }, async () => {
    const code = "function pair(a, b) {\n  return { first: a, second: b };\n}\n";
    const verdict = await gradeWith(
      code,
      [
        { name: "same value, other key order", call: "pair(1, 2)", expect: '{"second": 2, "first": 1}', shown: true },
        { name: "a string for a number", call: 'pair("1", 2)', expect: '{"first": 1, "second": 2}', shown: true },
        { name: "one number type", call: "pair(3, 0.1 + 0.2)", expect: '{"first": 3.0, "second": 0.3}', shown: true },
      ],
      "javascript",
    );
    expect(verdict.tests.map((t) => [t.name, t.status])).toEqual([
      ["same value, other key order", "pass"],
      ["a string for a number", "fail"],
      ["one number type", "pass"],
    ]);
  });

  it("a program test ignores trailing spaces and blank lines, not leading ones", { timeout: 180_000 }, async () => {
    const code = "name = input()\nprint('Hi,', name, '  ')\nprint()\nprint()\n";
    const verdict = await gradeWith(code, [
      { name: "same text", stdin: "Bo\n", stdout: "Hi, Bo\n", shown: true },
      { name: "other text", stdin: "Bo\n", stdout: "Hi, Al\n", shown: true },
      { name: "leading space", stdin: "Bo\n", stdout: " Hi, Bo\n", shown: true },
    ]);
    expect(verdict.tests.map((t) => [t.name, t.status])).toEqual([
      ["same text", "pass"],
      ["other text", "fail"],
      ["leading space", "fail"],
    ]);
  });

  it("a failing hidden test says its name and hint, never its input or answer", { timeout: 180_000 }, async () => {
    const code = "print(input()[::-1])\n";
    const verdict = await gradeWith(code, [
      { name: "reverses a word", stdin: "SECRET-INPUT\n", stdout: "SECRET-ANSWER\n", hint: "Read the task again." },
    ]);
    expect(verdict.status).toBe("fail");
    const text = JSON.stringify(verdict);
    expect(text).toContain("Read the task again.");
    for (const secret of ["SECRET-INPUT", "SECRET-ANSWER", "TUPNI-TERCES"]) expect(text).not.toContain(secret);
  });
});
