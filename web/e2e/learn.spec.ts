import { expect, type Page, test } from "@playwright/test";
import { listAgeGroups } from "../lib/curriculum/load";
import { AcceptedView } from "../lib/executions/view";
import { SubmissionView } from "../lib/learning/submission-view";

const exercise = "8-11/first-steps/say-hello";
const wrong = 'name = input()\nprint("Hello!")';
const right = 'name = input()\nprint("Hello, " + name + "!")';

async function replaceCode(page: Page, code: string) {
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
}

test("a new learner signs up, fails, fixes, passes, and finds it all again from another browser", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const username = `robo-${Date.now().toString(36)}`;
  const password = "correct horse battery";

  await page.goto("/sign-up");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("age-group-8-11").click();
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/learn\/8-11/);
  await expect(page.getByTestId("user-menu")).toHaveText(username);

  // The first level is open, every later one locked.
  const levels = listAgeGroups().find((g) => g.id === "8-11")?.levels ?? [];
  const later = levels.slice(1).reduce((sum, level) => sum + level.exercises.length, 0);
  expect(later).toBeGreaterThan(0);
  const first = page.locator(`[data-testid="exercise-tile"][data-exercise-id="${exercise}"]`);
  await expect(first).toHaveAttribute("data-state", "current");
  await expect(page.locator('[data-testid="exercise-tile"][data-state="locked"]')).toHaveCount(later);
  await page.screenshot({ path: "e2e/screenshots/learn-map.png", fullPage: true });

  await first.click();
  await expect(page.getByTestId("lesson")).toBeVisible();

  // Run to experiment: the program reads a line, typed in the Input box.
  await replaceCode(page, wrong);
  await page.getByTestId("stdin").fill("Robo\n");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Hello!");

  // Submit a wrong answer. The shown test says what it expected and what was printed; a hidden test gives its
  // name and the author's hint only, never its input, expected value or the program's output.
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/submissions") && r.request().method() === "POST");
  await page.getByTestId("submit-button").click();
  const { id: submissionId } = AcceptedView.parse(await (await posted).json());
  await expect(page.getByTestId("results-summary")).toHaveText(/0 \/ 4 tests passed/, { timeout: 90_000 });
  const shown = page.getByRole("listitem", { name: "greets Sam: failed" });
  await expect(shown.getByTestId("test-message")).toContainText("Hello, Sam!");
  await expect(shown.getByTestId("test-output")).toHaveText("Hello!");
  await expect(shown.getByTestId("hidden-test")).toHaveCount(0);

  const hidden = page.getByRole("listitem", { name: "greets a name with two words: failed, hidden test" });
  await hidden.getByText("greets a name with two words").click();
  await expect(hidden.getByTestId("test-hint")).toHaveText(
    "input() reads the whole line, spaces and all, so keep the name just as it is.",
  );
  await expect(hidden.getByTestId("hidden-test")).toHaveText("hidden test");
  await expect(hidden.getByTestId("test-message")).toHaveCount(0);
  await expect(hidden.getByTestId("test-output")).toHaveCount(0);
  await expect(page.locator('[data-testid="test-result"][data-visibility="hidden"]')).toHaveCount(3);
  await expect(page.getByTestId("results")).not.toContainText("Ada Lovelace");
  await page.getByTestId("results").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/learn-fail.png", fullPage: true });

  // The answer itself carries no more than the page shows.
  const answer = SubmissionView.parse(await (await page.request.get(`/api/submissions/${submissionId}`)).json());
  const hiddenResults = answer.result?.tests.filter((t) => !t.shown) ?? [];
  expect(hiddenResults.map((t) => t.name)).toEqual([
    "greets a different friend",
    "greets a robot friend with a number in its name",
    "greets a name with two words",
  ]);
  for (const result of hiddenResults) expect(result.output).toBeUndefined();
  expect(JSON.stringify(answer)).not.toMatch(/Priya|R2|Ada Lovelace/);

  // Fix it and pass.
  await replaceCode(page, right);
  await expect(page.getByTestId("save-state")).toHaveText(/saved/i);
  await page.getByTestId("submit-button").click();
  await expect(page.getByTestId("results-summary")).toHaveText(/4 \/ 4 tests passed/, { timeout: 90_000 });
  await expect(page.getByTestId("celebration")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/learn-pass.png", fullPage: true });

  // Reload: done, and the draft is the fixed code.
  await page.reload();
  await expect(page.getByTestId("lesson-done")).toBeVisible();
  await expect(page.getByTestId("editor")).toContainText('print("Hello, " + name + "!")');

  // A fresh browser (another device): sign in, the exercise is done and the draft is there.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/sign-in");
  await second.getByTestId("username").fill(username);
  await second.getByTestId("password").fill(password);
  await second.getByTestId("sign-in-submit").click();
  await expect(second.getByTestId("user-menu")).toHaveText(username);
  await second.goto("/learn/8-11");
  await expect(second.locator(`[data-testid="exercise-tile"][data-exercise-id="${exercise}"]`)).toHaveAttribute(
    "data-state",
    "done",
  );
  await second.goto(`/learn/${exercise}`);
  await expect(second.getByTestId("editor")).toContainText('print("Hello, " + name + "!")');
  await second.goto("/dashboard");
  await expect(second.getByTestId("recent-submission")).toHaveCount(2);
  await second.screenshot({ path: "e2e/screenshots/learn-dashboard.png", fullPage: true });
  await other.close();
});

test("nobody can read another learner's submissions, runs or drafts", async ({ page, request, browser }) => {
  const password = "another good password";
  const make = async (name: string) => {
    const response = await request.post("/api/account", { data: { username: name, password, ageGroup: "16-plus" } });
    expect(response.status()).toBe(201);
  };
  const owner = `owner-${Date.now().toString(36)}`;
  await make(owner);
  await page.goto("/sign-in");
  await page.getByTestId("username").fill(owner);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(owner);
  const submitted = await page.request.post("/api/submissions", {
    data: { exerciseId: "16-plus/python-basics/clean-up-a-name", files: [{ path: "main.py", content: "print(1)" }] },
  });
  expect(submitted.status()).toBe(202);
  const { id } = await submitted.json();
  expect((await page.request.get(`/api/submissions/${id}`)).status()).toBe(200);

  const run = await page.request.post("/api/executions", { data: { language: "python", code: "print('mine')" } });
  expect(run.status()).toBe(202);
  const runId = (await run.json()).id;
  expect((await page.request.get(`/api/executions/${runId}`)).status()).toBe(200);

  // Another signed-in learner: 404 for the owner's submission and run, never their content.
  const intruder = `intruder-${Date.now().toString(36)}`;
  await make(intruder);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto("/sign-in");
  await other.getByTestId("username").fill(intruder);
  await other.getByTestId("password").fill(password);
  await other.getByTestId("sign-in-submit").click();
  await expect(other.getByTestId("user-menu")).toHaveText(intruder);
  expect((await other.request.get(`/api/submissions/${id}`)).status()).toBe(404);
  expect((await other.request.get(`/api/executions/${runId}`)).status()).toBe(404);
  expect((await other.request.post(`/api/executions/${runId}/cancel`)).status()).toBe(404);
  await context.close();

  // Signed out: 404, never the submission.
  expect((await request.get(`/api/submissions/${id}`)).status()).toBe(404);
  expect((await request.post("/api/submissions", { data: { exerciseId: "x", files: [] } })).status()).toBe(401);
  expect((await request.put("/api/drafts", { data: { exerciseId: "x", code: "" } })).status()).toBe(401);
});
