// Test support: real runner processes on loopback, as the fleet tests (here and in web) need them.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const runnerDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "runner");

export interface RunnerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code once the process has exited (at once if it already has). */
  exited: Promise<number | null>;
}

/** Starts `runner/src/server.ts` on 127.0.0.1:`port` and waits for its health check; fails saying what is missing. */
export async function startRunner(opts: {
  port: number;
  token: string;
  env?: Record<string, string>;
  /** Each JSON log line of the runner (its stdout), parsed; the runner then logs at info level. */
  onLog?: (line: Record<string, unknown>) => void;
}): Promise<RunnerProcess> {
  // Only what the runner needs (a copy of this process's environment could carry the web app's settings).
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    RUNNER_TOKEN: opts.token,
    RUNNER_PORT: String(opts.port),
    RUNNER_POOL_SIZE: "2",
    RUNNER_MAX_CONCURRENT: "4",
    RUNNER_GRADING_SLOTS: "1",
    LOG_LEVEL: opts.onLog ? "info" : "warn",
    ...opts.env,
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: runnerDir,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", opts.onLog ? "pipe" : "inherit", "inherit"],
  });
  const onLog = opts.onLog;
  if (onLog && child.stdout)
    createInterface({ input: child.stdout }).on("line", (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // not a log line
      }
      // Warnings and errors stay visible, as with the inherited output.
      if (Number(parsed.level) >= 40 || (parsed.msg === "run finished" && parsed.status !== "ok")) console.error(line);
      onLog(parsed);
    });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`runner exited with ${child.exitCode}: is Docker up and \`pnpm sandbox:build\` done?`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`the runner on port ${opts.port} did not become healthy within 90 s`);
}
