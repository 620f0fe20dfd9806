// Test support for grading: a test file's engine for one language, and the graded tasks both languages share.
import { afterAll, expect } from "vitest";
import type { GradeRequest, GraderTest, RunnerLanguage } from "./contract";
import { Engine } from "./engine";
import { gradeInSandbox } from "./grading";
import { languages } from "./languages";
import { docker, ownContainers, requireSandbox, uniqueId } from "./testing";

export const addTests: GraderTest[] = [
  { name: "adds small numbers", call: "add(2, 3)", expect: "5", shown: true },
  { name: "adds negatives", call: "add(-4, 1)", expect: "-3", shown: true },
];
export const greetTests: GraderTest[] = [
  { name: "greets Sam", stdin: "Sam\n", stdout: "Hello, Sam!\n", shown: true },
  { name: "greets Ada", stdin: "Ada\n", stdout: "Hello, Ada!\n", shown: true },
];
/** Hidden tests (not `shown`): their calls, values and the program's output must never come back. */
export const hiddenTests: GraderTest[] = [
  { name: "adds big numbers", call: "add(424242, 1)", expect: "424243", hint: "Think about large numbers." },
  { name: "adds zero", call: "add(0, 977)", expect: "977" },
];

/**
 * Starts this test file's engine for one language, stopped after its tests (every sandbox of the file must be
 * gone then), and `grade`, which grades a program whose entry file holds `content` against `tests`.
 */
export function startGradingEngine(language: RunnerLanguage) {
  const engine = new Engine(docker, { poolSize: 2, sessionIdleMs: 60_000, maxSessions: 2, languages: [language] });
  engine.start();
  afterAll(async () => {
    await engine.stop();
    expect(await ownContainers()).toEqual([]);
  });
  const grade = async (content: string, tests: GraderTest[], files: GradeRequest["files"] = []) => {
    await requireSandbox();
    const request: GradeRequest = {
      id: uniqueId(`grade-${language}`),
      language,
      files: [{ path: languages[language].defaultEntry, content }, ...files],
      tests,
    };
    return gradeInSandbox((r) => engine.run(r), request);
  };
  return { engine, grade };
}
