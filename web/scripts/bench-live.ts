// `pnpm bench:live` (also the end of `pnpm bench`): figures of the live view and of workspace runs on the local
// stack, which it starts on ports of its own (loopback only, bounded):
// - print-to-browser latency: a program prints its clock every 100 ms; a Chromium page records when each line
//   reaches the output panel (the page and the sandbox read the same host clock);
// - a signed-in run of a 50-file workspace after changing one file (the session sandbox gets that file's
//   content only) against changing all 50 (all 50 travel), POST to final status through web, Inngest's
//   function and the runner.
import { createTestDb } from "@codeyard/drizzle/testing";
import { RunStatus } from "@codeyard/runner/contract";
import { chromium } from "@playwright/test";
import { AcceptedView, ExecutionView } from "../lib/executions/view";
import { env } from "./env";
import { signIn, startStack } from "./local-stack";

const quick = process.argv.includes("--quick");
const port = 3172;
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return `p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms (n=${sorted.length})`;
};

async function printToBrowser(runs: number, lines: number): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(base);
    const editor = page.getByTestId("editor").locator(".monaco-editor .view-lines");
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(`import time\nfor i in range(${lines}): print(time.time_ns()); time.sleep(0.1)\n`);
    // Each clock reading, the first time it is in the panel's text: now minus the time it was printed.
    await page.evaluate(() => {
      const w = window as unknown as { samples: number[]; seen: Set<string> };
      w.samples = [];
      w.seen = new Set();
      const panel = document.querySelector('[data-testid="output-text"]') as HTMLElement;
      new MutationObserver(() => {
        const now = performance.timeOrigin + performance.now();
        for (const stamp of panel.textContent?.match(/\d{19}/g) ?? []) {
          if (w.seen.has(stamp)) continue;
          w.seen.add(stamp);
          w.samples.push(now - Number(stamp) / 1e6);
        }
      }).observe(panel, { childList: true, characterData: true, subtree: true });
    });
    for (let run = 0; run < runs; run++) {
      await page.getByTestId("run-button").click();
      await page
        .getByTestId("status-badge")
        .filter({ hasText: /finished/i })
        .waitFor({ timeout: 300_000 });
    }
    // The first run's lines may wait behind a sandbox warming up: count the later runs only.
    const all = await page.evaluate(() => (window as unknown as { samples: number[] }).samples);
    return all.slice(lines);
  } finally {
    await browser.close();
  }
}

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { cookie, "content-type": "application/json", origin: base },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function workspaceRuns(runs: number, fileBytes: number) {
  const cookie = await signIn(base, "bench-live");
  const { workspace } = (await api(cookie, "POST", "/api/workspaces", { name: "bench", language: "python" })) as {
    workspace: { id: string };
  };
  const id = workspace.id;
  const versions = new Map<string, number>();
  const tree = (await api(cookie, "GET", `/api/workspaces/${id}`)) as { entries: { path: string; version: number }[] };
  for (const e of tree.entries) versions.set(e.path, e.version);
  const paths = ["main.py", ...Array.from({ length: 49 }, (_, i) => `mod${i}.py`)];
  for (const path of paths) {
    if (!versions.has(path)) await api(cookie, "POST", `/api/workspaces/${id}/entries`, { path, kind: "file" });
  }
  const created = (await api(cookie, "GET", `/api/workspaces/${id}`)) as {
    entries: { path: string; version: number }[];
  };
  for (const e of created.entries) versions.set(e.path, e.version);
  const filler = `# ${"x".repeat(60)}\n`.repeat(Math.ceil(fileBytes / 64));
  const write = async (path: string, round: number) => {
    const content = path === "main.py" ? `# ${round}\nimport mod7\nprint(mod7.VALUE)\n` : `${filler}VALUE = ${round}\n`;
    const answer = await api(cookie, "PUT", `/api/workspaces/${id}/files`, {
      path,
      content,
      baseVersion: versions.get(path) ?? 0,
    });
    versions.set(path, Number(answer.version));
  };
  const run = async () => {
    const started = performance.now();
    const { id: executionId } = AcceptedView.parse(
      await api(cookie, "POST", "/api/executions", { workspaceId: id, entry: "main.py" }),
    );
    for (;;) {
      const view = ExecutionView.parse(await api(cookie, "GET", `/api/executions/${executionId}`));
      if (RunStatus.safeParse(view.status).success) {
        if (view.status !== "ok") throw new Error(`bench run ended ${view.status}: ${view.stderr}`);
        return performance.now() - started;
      }
      await sleep(20);
    }
  };
  let round = 0;
  for (const path of paths) await write(path, round);
  await run();
  const one: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    round++;
    await write("main.py", round);
    one.push(await run());
    round++;
    for (const path of paths) await write(path, round);
    all.push(await run());
  }
  return { one, all };
}

const db = await createTestDb();
const stack = await startStack({
  port,
  runnerPort: 8873,
  databaseUrl: db.url,
  env: {
    QUOTA_ANON_PER_MINUTE: "1000",
    QUOTA_ANON_PER_DAY: "10000",
    QUOTA_USER_PER_MINUTE: "1000",
    QUOTA_USER_PER_DAY: "10000",
  },
});
try {
  const latencies = await printToBrowser(quick ? 3 : 6, 40);
  console.log(`\nlive view, print() in the sandbox to the line in the page's output panel: ${fmt(latencies)}`);
  const fileBytes = 16 * 1024;
  const { one, all } = await workspaceRuns(quick ? 5 : 15, fileBytes);
  console.log(`\nsigned-in run of a 50-file workspace (${fileBytes / 1024} KiB files), POST to final status:`);
  console.log(`  after changing one file (its content only is sent): ${fmt(one)}`);
  console.log(`  after changing all 50 (all 50 are sent):             ${fmt(all)}`);
} finally {
  if (stack.pid) process.kill(-stack.pid, "SIGTERM");
  await sleep(3000);
  await db.close();
}
