import { expect, test } from "@playwright/test";
import { typeProgram } from "./editor";

// Live output and typed input, as a new visitor meets them in the playground: the program's lines appear while
// it runs, input() asks in the output panel, and the panel keeps earlier runs above the current one.
let nextAddress = 1;
test.beforeEach(async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${100 + nextAddress++}` });
});

test("input() asks in the output panel and takes the learner's typing", async ({ page }) => {
  // The suite's first run may wait for the runner's first warm sandbox, which a crowded machine starts slowly.
  test.setTimeout(300_000);
  await page.goto("/");
  await typeProgram(page, 'name = input("Name? ")\nprint("Hi", name)');
  await page.getByTestId("run-button").click();

  const output = page.getByTestId("output-text");
  await expect(output).toHaveText("Name? ", { timeout: 240_000 });
  await expect(page.getByTestId("input-hint")).toHaveText(/type your answer/i);
  await expect(page.getByTestId("status-badge")).toHaveText(/running/i);
  // The panel took the focus when the program asked: typing goes straight in, with Backspace.
  await page.keyboard.type("Adx");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("a");
  await expect(output).toHaveText("Name? Ada");
  await page.screenshot({ path: "e2e/screenshots/live-input.png" });
  await page.keyboard.press("Enter");

  await expect(output).toContainText("Name? Ada\nHi Ada\n");
  await expect(page.getByTestId("status-badge")).toHaveText(/finished/i);
  await page.screenshot({ path: "e2e/screenshots/live-input-answered.png" });
});

test("lines printed every 200 ms show while the program runs; earlier runs stay above", async ({ page }) => {
  await page.goto("/");
  // One line of body: the editor indents after a `:` by itself.
  await typeProgram(page, 'import time\nfor i in range(20): print("line", i); time.sleep(0.2)\n');
  await page.getByTestId("run-button").click();

  const output = page.getByTestId("output-text");
  await expect(output).toContainText("line 1\n", { timeout: 120_000 });
  // Asserted while it runs: the first lines are on screen, the last is not printed yet.
  const whileRunning = await output.textContent();
  await expect(page.getByTestId("status-badge")).toHaveText(/running/i);
  expect(whileRunning).not.toContain("line 19");
  await page.screenshot({ path: "e2e/screenshots/live-streaming.png" });
  await expect(output).toContainText("line 19\n", { timeout: 60_000 });
  await expect(page.getByTestId("status-badge")).toHaveText(/finished/i);
  const lines = ((await output.textContent()) ?? "").split("\n").filter((l) => l.startsWith("line"));
  expect(lines).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i}`));

  // A second run keeps the first above it, under a header with its time and file, collapsible.
  await typeProgram(page, 'print("second run")');
  await page.getByTestId("run-button").click();
  await expect(output).toContainText("second run", { timeout: 60_000 });
  const history = page.getByTestId("run-history");
  await expect(history.getByTestId("run-history-header")).toHaveText([/^\d{1,2}:\d{2}:\d{2}( [AP]M)? · main\.py$/]);
  await expect(history).toContainText("line 19");
  await history.getByTestId("run-history-header").click();
  await expect(history.locator("details")).not.toHaveAttribute("open");
  await page.screenshot({ path: "e2e/screenshots/live-history.png" });
  await page.getByRole("button", { name: "Clear output" }).click();
  await expect(page.getByTestId("run-history")).toHaveCount(0);
  await expect(output).toHaveText(/press run/i);
});

test("Ctrl+C in the output panel stops a program waiting for input", async ({ page }) => {
  await page.goto("/");
  await typeProgram(page, 'print("ready")\ninput("Your move? ")\nprint("never")');
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toHaveText("ready\nYour move? ", { timeout: 120_000 });
  // Once the prompt has stood a moment the panel asks for an answer and has the focus: Ctrl+C goes to it.
  await expect(page.getByTestId("input-hint")).toHaveText(/type your answer/i);
  await page.keyboard.press("Control+C");
  await expect(page.getByTestId("status-badge")).toHaveText(/stopped/i, { timeout: 15_000 });
  await expect(page.getByTestId("output-text")).toContainText("Stopped by you");
  await expect(page.getByTestId("output-text")).not.toContainText("never");
});

test.describe("at device pixel ratio 2", () => {
  test.use({ deviceScaleFactor: 2 });

  test("the output panel draws its text", async ({ page }) => {
    await page.goto("/");
    await typeProgram(page, 'print("drawn at ratio two")');
    await page.getByTestId("run-button").click();
    await expect(page.getByTestId("output-text")).toContainText("drawn at ratio two", { timeout: 120_000 });
    // What the terminal drew, read from its rows (the renderer it falls back to when WebGL would draw nothing).
    await expect(page.getByTestId("output").locator(".xterm-rows")).toContainText("drawn at ratio two");
    await page.getByTestId("output").screenshot({ path: "e2e/screenshots/live-dpr2.png" });
  });
});

test("the playground runs JavaScript too", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("language").selectOption("javascript");
  await expect(page.getByTestId("editor")).toContainText("console.log");
  await page.getByTestId("run-button").click();
  const output = page.getByTestId("output-text");
  await expect(output).toContainText("Hello from Codeyard!", { timeout: 120_000 });
  await expect(output).toContainText("5 squared is 25");
  await expect(page.getByTestId("run-header")).toContainText("main.js");
  await page.screenshot({ path: "e2e/screenshots/live-javascript.png" });
});
