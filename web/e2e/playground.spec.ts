import { RunStatus } from "@codeyard/runner/contract";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { AcceptedView, ErrorView, ExecutionView } from "../lib/executions/view";
import { typeProgram } from "./editor";

// Quotas are per client address: each test speaks from an address of its own (documentation range).
let nextAddress = 1;
test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${nextAddress++}` });
});

/** Queues a run from `address` and answers its id. */
async function queueRun(request: APIRequestContext, address: string, code: string): Promise<string> {
  const response = await request.post("/api/executions", {
    headers: { "x-forwarded-for": address },
    data: { language: "python", code },
  });
  expect(response.status()).toBe(202);
  return AcceptedView.parse(await response.json()).id;
}

async function waitUntilFinished(request: APIRequestContext, id: string) {
  await expect
    .poll(
      async () =>
        RunStatus.safeParse(ExecutionView.parse(await (await request.get(`/api/executions/${id}`)).json()).status)
          .success,
      {
        timeout: 90_000,
      },
    )
    .toBe(true);
}

test("a new visitor writes Python, presses Run and sees the output", async ({ page }) => {
  await page.goto("/");
  await typeProgram(page, 'name = "Codeyard"\nprint(f"hello from {name}")\nprint(sum(range(10)))');
  await page.getByTestId("run-button").click();

  const output = page.getByTestId("output-text");
  // The suite's first run may wait for the runner's first warm sandbox, which a busy machine starts slowly.
  await expect(output).toContainText("hello from Codeyard", { timeout: 120_000 });
  await expect(output).toContainText("45");
  await expect(page.getByTestId("status-badge")).toHaveText(/finished/i);
  await expect(page.getByTestId("run-button")).toBeEnabled();
  await page.screenshot({ path: "e2e/screenshots/playground-ok.png", fullPage: true });
});

test("a runtime error shows the traceback and the exit code", async ({ page }) => {
  await page.goto("/");
  await typeProgram(page, "print('before')\n1 / 0");
  await page.keyboard.press("ControlOrMeta+Enter");

  const output = page.getByTestId("output-text");
  await expect(output).toContainText("before");
  await expect(output).toContainText("ZeroDivisionError");
  await expect(output).toContainText(/code 1/);
  await page.screenshot({ path: "e2e/screenshots/playground-error.png", fullPage: true });
});

test("an endless loop is stopped with a human explanation", async ({ page }) => {
  await page.goto("/");
  // One-line loop: what the editor auto-indents after a `:` is not what this test is about.
  await typeProgram(page, "print('looping')\nwhile True: pass");
  await page.getByTestId("run-button").click();

  // Stopped by the CPU limit (5 s of CPU at half a core, so about 10 s; much longer on a crowded machine): the
  // wall limit of a run that may wait for typed input is minutes long.
  await expect(page.getByTestId("output-text")).toContainText("infinite loop", { timeout: 150_000 });
  await expect(page.getByTestId("output-text")).toContainText("looping");
  await page.screenshot({ path: "e2e/screenshots/playground-timeout.png", fullPage: true });
});

test("a matplotlib plot is shown under the output", async ({ page }) => {
  await page.goto("/");
  await typeProgram(
    page,
    "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.title('squares')\nplt.show()\nprint('drawn')",
  );
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("drawn");
  const image = page.getByTestId("run-image");
  await expect(image).toHaveCount(1);
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await page.screenshot({ path: "e2e/screenshots/playground-plot.png" });
});

test("works on a phone @phone", async ({ page }) => {
  await page.goto("/");
  await typeProgram(page, "print(6 * 7)");
  await page.getByTestId("run-button").tap();
  await expect(page.getByTestId("output-text")).toContainText("42");
  await page.screenshot({ path: "e2e/screenshots/playground-phone.png" });
});

test("Stop ends a running program at once", async ({ page }) => {
  await page.goto("/");
  await typeProgram(page, "import time\nprint('tick', flush=True)\nwhile True: time.sleep(0.1)");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("status-badge")).toHaveText(/running/i);
  await page.getByTestId("stop-button").click();
  // "At once" on a quiet machine; a busy one gets room to deliver the cancel and the next poll.
  await expect(page.getByTestId("status-badge")).toHaveText(/stopped/i, { timeout: 15_000 });
  await expect(page.getByTestId("output-text")).toContainText("Stopped by you");
  await expect(page.getByTestId("run-button")).toBeEnabled();
});

test("after the minute's 5 runs, the 6th is refused in plain words and Run waits", async ({ page, request }) => {
  const address = "203.0.113.77";
  // The minute's window is the clock's minute: 5 runs that straddle its end would count in two windows. Start in
  // a minute with room left for the runs and the click below.
  const intoMinuteMs = Date.now() % 60_000;
  if (intoMinuteMs > 30_000) await page.waitForTimeout(60_000 - intoMinuteMs + 500);
  // Each stopped at once, so all 5 count within the minute while at most 2 of one visitor may be outstanding.
  for (let i = 0; i < 5; i++) {
    const id = await queueRun(request, address, `print(${i})`);
    expect([200, 409]).toContain((await request.post(`/api/executions/${id}/cancel`)).status());
  }
  const quota = await (await request.get("/api/quota", { headers: { "x-forwarded-for": address } })).json();
  expect(quota.runs.minute).toMatchObject({ limit: 5, remaining: 0 });

  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  await page.goto("/");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("run-error")).toContainText(/You have used your 5 runs for this minute; more in \d+ s/);
  await expect(page.getByTestId("status-badge")).toHaveText(/limit reached/i);
  await expect(page.getByTestId("run-button")).toBeDisabled();
  await page.screenshot({ path: "e2e/screenshots/playground-quota.png" });
});

test("with 2 runs still waiting, Run says so and stays ready for when one finishes", async ({ page, request }) => {
  const address = "203.0.113.88";
  await page.setExtraHTTPHeaders({ "x-forwarded-for": address });
  await page.goto("/");
  await typeProgram(page, "print('my turn')");
  // Each stays outstanding until its wall limit stops it: far longer than the click below takes.
  const waiting = [
    await queueRun(request, address, "import time\nwhile True: time.sleep(1)"),
    await queueRun(request, address, "import time\nwhile True: time.sleep(1)"),
  ];
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("run-error")).toContainText("You already have 2 runs waiting. Wait for one to finish");
  await expect(page.getByTestId("status-badge")).toHaveText(/limit reached/i);
  // No reset time to wait for: Run is ready again at once.
  await expect(page.getByTestId("run-button")).toBeEnabled();
  await page.screenshot({ path: "e2e/screenshots/playground-outstanding.png" });

  for (const id of waiting) await waitUntilFinished(request, id);
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("my turn");
  await expect(page.getByTestId("run-error")).toHaveCount(0);
});

test.describe("API", () => {
  test("rejects bad input with a message a person understands", async ({ request }) => {
    // Refused input costs no quota: far more than 5 bad requests still leave the minute untouched.
    const unknownLanguage = await request.post("/api/executions", { data: { language: "cobol", code: "x" } });
    expect(unknownLanguage.status()).toBe(400);
    expect((await unknownLanguage.json()).error).toMatch(/language must be one of: python/);

    const tooBig = await request.post("/api/executions", {
      data: { language: "python", code: "#".repeat(65 * 1024) },
    });
    expect(tooBig.status()).toBe(400);
    expect((await tooBig.json()).error).toMatch(/larger than 64 KiB/);

    const notJson = await request.post("/api/executions", {
      headers: { "content-type": "application/json" },
      data: "{nope",
    });
    expect(notJson.status()).toBe(400);

    const unknown = await request.get("/api/executions/00000000-0000-4000-8000-000000000000");
    expect(unknown.status()).toBe(404);
    expect(ErrorView.parse(await unknown.json())).toEqual({ error: "No run with this id." });

    const metrics = await (await request.get("/api/metrics")).text();
    expect(metrics).toMatch(/^codeyard_queue_depth\{kind="all"\} \d+$/m);
    expect(metrics).toMatch(/^codeyard_error_rate\{kind="all"\} [\d.]+$/m);
    expect(metrics).toMatch(/^codeyard_database_latency_seconds [\d.e+-]+$/m);
  });

  test("queues a run with stdin and reports its result", async ({ request }) => {
    const created = await request.post("/api/executions", {
      data: { language: "python", code: "import sys\nprint(sys.stdin.read().upper())", stdin: "shout" },
    });
    expect(created.status()).toBe(202);
    const { id } = AcceptedView.parse(await created.json());

    let body: ExecutionView | undefined;
    await expect
      .poll(
        async () => {
          body = ExecutionView.parse(await (await request.get(`/api/executions/${id}`)).json());
          return body.status;
        },
        { timeout: 60_000 },
      )
      .toBe("ok");
    expect(body).toMatchObject({ id, stdout: "SHOUT\n", stderr: "", exitCode: 0, truncated: false });
    expect(body?.wallMs).toEqual(expect.any(Number));
    expect(body?.finishedAt).toEqual(expect.any(String));
  });
});
