import { expect, type Page, test } from "@playwright/test";

const exercise = "12-15/js-first-steps/welcome-message";
const right = 'function welcome(name) {\nreturn "Welcome, " + name + "!";\n}\nconsole.log(welcome("Robo"));';

async function replaceCode(page: Page, code: string) {
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
}

test("a learner opens the JavaScript track, runs main.js in Node and passes in the Node.js grader", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/sign-up");
  await page.getByTestId("username").fill(`js-${Date.now().toString(36)}`);
  await page.getByTestId("password").fill("correct horse battery");
  await page.getByTestId("age-group-12-15").click();
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/learn\/12-15/);

  // The JavaScript track opens beside the Python one: its first exercise is available to a new learner.
  const tile = page.locator(`[data-testid="exercise-tile"][data-exercise-id="${exercise}"]`);
  await expect(tile).toHaveAttribute("data-state", "current");
  await tile.click();
  await expect(page.getByTestId("lesson")).toBeVisible();
  await expect(page.getByTestId("workspace")).toContainText("main.js");
  await expect(page.getByTestId("editor")).toContainText("function welcome(name)");

  // Run: the starter runs in Node and prints its placeholder.
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Welcome, name!", { timeout: 60_000 });

  // Check my answer with the starter: graded in the Node.js sandbox, the shown test says what it wanted.
  await page.getByTestId("submit-button").click();
  await expect(page.getByTestId("results-summary")).toHaveText(/0 \/ 4 tests passed/, { timeout: 90_000 });
  const shown = page.getByRole("listitem", { name: "welcomes Leo: failed" });
  await expect(shown.getByTestId("test-message")).toContainText('should give "Welcome, Leo!"');
  await page.screenshot({ path: "e2e/screenshots/learn-javascript-fail.png", fullPage: true });

  await replaceCode(page, right);
  await expect(page.getByTestId("save-state")).toHaveText(/saved/i, { timeout: 30_000 });
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Welcome, Robo!", { timeout: 60_000 });
  await page.getByTestId("submit-button").click();
  await expect(page.getByTestId("results-summary")).toHaveText(/4 \/ 4 tests passed/, { timeout: 90_000 });
  await page.screenshot({ path: "e2e/screenshots/learn-javascript-pass.png", fullPage: true });
});
