// Runs every solution and every starter against its hidden tests with python3 on this machine. This guards the
// content itself; the sandbox grader is checked separately.
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { type Exercise, getExercise, loadCurriculum } from "./load";
import type { ExerciseTest } from "./schema";

const harness = fileURLToPath(new URL("./check-harness.py", import.meta.url));

const HarnessResult = z.object({
  name: z.string(),
  passed: z.boolean(),
  detail: z.string(),
  ms: z.number(),
  cpuMs: z.number(),
  exitCode: z.number().nullable(),
  stderr: z.string(),
});
type HarnessResult = z.infer<typeof HarnessResult>;

function runHarness(code: string, tests: ExerciseTest[], timeoutSeconds = 5): Promise<HarnessResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile("python3", [harness], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`check-harness.py failed: ${error.message}\n${stderr}`));
      else resolve(z.array(HarnessResult).parse(JSON.parse(stdout)));
    });
    child.stdin?.end(JSON.stringify({ code, tests, timeoutSeconds }));
  });
}

const report = (results: HarnessResult[]) =>
  results
    .map((r) => `${r.passed ? "pass" : "FAIL"} ${r.name} (${r.ms} ms, ${r.cpuMs} ms CPU) ${r.detail} ${r.stderr}`)
    .join("\n");

beforeAll(() => {
  let version = "";
  try {
    version = execFileSync("python3", ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]).toString().trim();
  } catch {
    throw new Error("These checks need python3 (3.11, like the sandbox) on the PATH: apt-get install -y python3");
  }
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major < 3 || (major === 3 && minor < 11)) throw new Error(`python3 is ${version}; the sandbox runs 3.11`);
});

describe("check-harness.py follows the tests.yaml semantics", () => {
  it("compares stdout ignoring trailing whitespace and trailing blank lines, and feeds stdin", async () => {
    const code = "name = input()\nprint('Hi,', name, '  ')\nprint()\nprint()\n";
    const results = await runHarness(code, [
      { name: "same text", stdin: "Bo\n", stdout: "Hi, Bo\n" },
      { name: "other text", stdin: "Bo\n", stdout: "Hi, Al\n" },
      { name: "leading space matters", stdin: "Bo\n", stdout: " Hi, Bo\n" },
    ]);
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ["same text", true],
      ["other text", false],
      ["leading space matters", false],
    ]);
  });

  it("calls functions with empty stdin and compares with the literal using ==, ignoring the program's prints", async () => {
    const code = "def add(a, b):\n    return a + b\n\nprint('[3]')\n";
    const results = await runHarness(code, [
      { name: "right", call: "add(1, 2)", expect: "3" },
      { name: "equal by ==", call: "add(1, 2)", expect: "3.0" },
      { name: "wrong", call: "add(1, 1)", expect: "3" },
      { name: "list", call: "[add(1, 2)]", expect: "[3]" },
      { name: "missing function", call: "sub(1, 2)", expect: "-1" },
    ]);
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ["right", true],
      ["equal by ==", true],
      ["wrong", false],
      ["list", true],
      ["missing function", false],
    ]);
    expect(results[4]?.detail).toMatch(/^NameError/);
  });

  it("fails function tests when top-level code reads input, and stops programs that never end", async () => {
    const [reads] = await runHarness("x = input()\ndef f():\n    return 1\n", [
      { name: "f", call: "f()", expect: "1" },
    ]);
    expect(reads?.passed).toBe(false);
    expect(reads?.detail).toMatch(/^EOFError/);
    const [loops] = await runHarness("while True:\n    pass\n", [{ name: "loop", stdin: "", stdout: "" }], 0.5);
    expect(loops?.passed).toBe(false);
    expect(loops?.detail).toMatch(/timed out/);
  });

  it("measures CPU time, so a heavy program cannot pass as fast", async () => {
    const heavy = "total = 0\nfor i in range(10_000_000):\n    total += i\nprint(total)\n";
    const [result] = await runHarness(heavy, [{ name: "sum", stdin: "", stdout: "49999995000000\n" }]);
    expect(result?.passed).toBe(true);
    expect(result?.cpuMs).toBeGreaterThan(200);
  });
});

const exercises: Exercise[] = loadCurriculum()
  .groups.flatMap((g) => g.levels.flatMap((l) => l.exercises))
  .map((summary) => getExercise(summary.id) as Exercise);

describe.concurrent("reference content", () => {
  it("covers all 18 exercises", () => {
    expect(exercises).toHaveLength(18);
  });

  it.each(exercises)("$id: the solution passes every test, cleanly and in under 0.2 s of CPU", async (exercise) => {
    const results = await runHarness(exercise.solution, exercise.tests);
    expect(results.map((r) => r.name)).toEqual(exercise.tests.map((t) => t.name));
    expect(
      results.every((r) => r.passed),
      report(results),
    ).toBe(true);
    for (const r of results) {
      expect(r.exitCode, r.name).toBe(0);
      expect(r.stderr, r.name).toBe("");
      // CPU time of the interpreter and the program together: Python's start-up alone takes about 20-40 ms.
      expect(r.cpuMs, `${r.name} is slow`).toBeLessThan(200);
    }
  });

  it.each(exercises)("$id: the starter fails a test with a wrong answer, not a crash", async (exercise) => {
    const results = await runHarness(exercise.starter, exercise.tests);
    expect(
      results.some((r) => !r.passed),
      report(results),
    ).toBe(true);
    for (const r of results) {
      expect(r.exitCode, r.name).toBe(0);
      expect(r.stderr, r.name).toBe("");
      expect(r.detail, r.name).not.toMatch(/^\w+(Error|Exception)\b|timed out/);
    }
  });
});
