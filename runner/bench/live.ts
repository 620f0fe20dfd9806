// Bench parts for workspaces and the live view: print-to-socket latency on loopback, and a run after changing
// one file of a 50-file workspace (content for that file only) against sending all 50.
import WebSocket from "ws";
import { LiveServerFrame, type RunRequest, RunResult, sha256Of } from "../src/contract";
import { mintTicket } from "../src/ticket";
import { percentile } from "./stats";

export interface LiveBenchTarget {
  /** host:port of a runner with the live view on. */
  base: string;
  token: string;
  ticketKey: string;
  origin: string;
}

const now = () => performance.timeOrigin + performance.now();
let counter = 0;

async function post(target: LiveBenchTarget, request: RunRequest): Promise<{ status: number; ms: number }> {
  const started = now();
  const res = await fetch(`http://${target.base}/v1/executions`, {
    method: "POST",
    headers: { authorization: `Bearer ${target.token}`, "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  const body = await res.json();
  if (res.status === 200) {
    const result = RunResult.parse(body);
    if (result.status !== "ok") throw new Error(`bench run answered ${result.status}: ${result.stderr}`);
  }
  return { status: res.status, ms: now() - started };
}

/** ms from the program's print (its clock is the host's: one kernel) to the frame's arrival at the client. */
async function printLatencies(target: LiveBenchTarget, lines: number): Promise<number[]> {
  const id = `bench-live-${process.pid}-${counter++}`;
  const userId = "bench-live";
  const ticket = mintTicket({ key: target.ticketKey, userId, executionId: id });
  const ws = new WebSocket(`ws://${target.base}/v1/live/${id}?ticket=${ticket}`, {
    headers: { origin: target.origin },
  });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const samples: number[] = [];
  let pending = "";
  ws.on("message", (data) => {
    const frame = LiveServerFrame.parse(JSON.parse(String(data)));
    if (frame.type !== "output") return;
    const arrived = now();
    pending += frame.data;
    const complete = pending.split("\n");
    pending = complete.pop() ?? "";
    for (const line of complete) samples.push(arrived - Number(line) / 1e6);
  });
  const closed = new Promise((resolve) => ws.once("close", resolve));
  const code = `import time\nfor i in range(${lines}):\n    print(time.time_ns())\n    time.sleep(0.05)`;
  await post(target, {
    id,
    language: "python",
    files: [{ path: "main.py", content: code }],
    session: { userId },
    limits: { wallMs: 15_000 },
  });
  await closed;
  return samples;
}

function workspace(fileBytes: number, version: number) {
  const files: Record<string, string> = {};
  for (let i = 0; i < 49; i++) {
    const filler = `# ${"x".repeat(60)}\n`.repeat(Math.ceil(fileBytes / 64));
    files[`pkg/mod${i}.py`] = `${filler}VALUE = ${i}\n`;
  }
  files["main.py"] = `# version ${version}\nimport pkg.mod7\nprint(pkg.mod7.VALUE)\n`;
  return files;
}

function manifestRequest(userId: string, files: Record<string, string>, send: "changed" | "all"): RunRequest {
  return {
    id: `bench-ws-${process.pid}-${counter++}`,
    language: "python",
    session: { userId },
    limits: { wallMs: 15_000 },
    workspace: {
      files: Object.entries(files).map(([path, content]) => ({
        path,
        sha256: sha256Of(content),
        ...(send === "all" || path === "main.py" ? { content } : {}),
      })),
    },
  };
}

async function workspaceTimes(target: LiveBenchTarget, fileBytes: number, send: "changed" | "all", runs: number) {
  const userId = `bench-ws-${fileBytes}`;
  await post(target, manifestRequest(userId, workspace(fileBytes, 0), "all"));
  const times: number[] = [];
  for (let v = 1; v <= runs; v++) {
    const answer = await post(target, manifestRequest(userId, workspace(fileBytes, v), send));
    if (answer.status !== 200) throw new Error(`workspace run answered HTTP ${answer.status}`);
    times.push(answer.ms);
  }
  return times;
}

const fmt = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms (n=${sorted.length})`;
};

export async function benchLive(target: LiveBenchTarget, quick: boolean): Promise<void> {
  const latencies: number[] = [];
  for (let run = 0; run < (quick ? 2 : 5); run++) latencies.push(...(await printLatencies(target, 40)));
  console.log(`\nlive view: print() in the sandbox to the frame at a WebSocket client on loopback: ${fmt(latencies)}`);
  const runs = quick ? 8 : 20;
  console.log("\nworkspace of 50 files, run after changing main.py (POST to answer, session sandbox):");
  for (const fileBytes of [4 * 1024, 64 * 1024]) {
    const changed = await workspaceTimes(target, fileBytes, "changed", runs);
    const all = await workspaceTimes(target, fileBytes, "all", runs);
    const size = `${fileBytes / 1024} KiB files (${((50 * fileBytes) / 1024 / 1024).toFixed(1)} MiB in all)`;
    console.log(`  ${size}: content of the changed file only: ${fmt(changed)}`);
    console.log(`  ${size}: content of all 50 files:          ${fmt(all)}`);
  }
}
