// Every reference solution passes its hidden tests in the real sandbox grader, and no starter does:
// a real runner process, real Docker, the same grading path a learner's Submit takes.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { GradeResult } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getExercise, loadCurriculum } from "./load";

const runnerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "runner");
const token = randomBytes(24).toString("hex");
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
      RUNNER_POOL_SIZE: "2",
      RUNNER_MAX_CONCURRENT: "2",
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

async function grade(id: string, code: string) {
  const exercise = getExercise(id);
  if (!exercise) throw new Error(`no exercise ${id}`);
  const body = JSON.stringify({
    id: `check-${randomBytes(4).toString("hex")}`,
    language: "python",
    files: [{ path: "main.py", content: code }],
    tests: exercise.tests,
  });
  for (;;) {
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
    expect(response.status).toBe(200);
    return GradeResult.parse(await response.json());
  }
}

const ids = loadCurriculum().groups.flatMap((g) => g.levels.flatMap((l) => l.exercises.map((e) => e.id)));

describe.concurrent("curriculum in the real sandbox grader", () => {
  it.each(ids)("%s: the reference solution passes, the starter does not", { timeout: 90_000 }, async (id) => {
    const exercise = getExercise(id);
    if (!exercise) throw new Error(`no exercise ${id}`);
    const solution = await grade(id, exercise.solution);
    expect(solution.status, JSON.stringify(solution.tests)).toBe("pass");
    const starter = await grade(id, exercise.starter);
    expect(starter.status).not.toBe("pass");
  });
});
