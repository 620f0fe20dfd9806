import { createDb, type SubmissionResult, saveSubmissionResult } from "@codeyard/drizzle";
import { expect, type Page, test } from "@playwright/test";
import { AcceptedView } from "../lib/executions/view";
import { SubmissionView } from "../lib/learning/submission-view";
import { env } from "./env";

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

  // The first level is open, the second locked.
  const first = page.locator(`[data-testid="exercise-tile"][data-exercise-id="${exercise}"]`);
  await expect(first).toHaveAttribute("data-state", "current");
  await expect(page.locator('[data-testid="exercise-tile"][data-state="locked"]')).toHaveCount(3);
  await page.screenshot({ path: "e2e/screenshots/learn-map.png", fullPage: true });

  await first.click();
  await expect(page.getByTestId("lesson")).toBeVisible();

  // Run to experiment: the program reads a line, typed in the Input box.
  await replaceCode(page, wrong);
  await page.getByTestId("stdin").fill("Robo\n");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Hello!");

  // Submit a wrong answer: the failing test is explained.
  await page.getByTestId("submit-button").click();
  await expect(page.getByTestId("results-summary")).toHaveText(/0 \/ 4 tests passed/, { timeout: 90_000 });
  const failing = page.locator('[data-testid="test-result"][data-status="fail"]').first();
  await expect(failing).toContainText("greets Sam");
  await expect(page.getByRole("listitem", { name: "greets Sam: failed" })).toBeVisible();
  await expect(page.getByTestId("test-message").first()).toContainText("Hello, Sam!");
  await page.screenshot({ path: "e2e/screenshots/learn-fail.png", fullPage: true });

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

// The verdict the grader gives once it reports visibility (issue 9): a shown test may say what it expected, a
// hidden one carries its name and the author's hint. The output on the hidden test must never reach the page.
const verdict = {
  version: 3,
  status: "fail",
  tests: [
    {
      name: "greets Sam",
      status: "fail",
      visibility: "shown",
      message: "Expected: Hello, Sam!",
      output: "Hello!\n",
    },
    { name: "greets Priya", status: "pass", visibility: "shown" },
    { name: "greets a robot friend called R2", status: "pass", visibility: "hidden" },
    {
      name: "greets a name with two words",
      status: "fail",
      visibility: "hidden",
      message: "A name can have a space in it: print the whole line you read.",
      output: "SECRET-OUTPUT Ada Lovelace",
    },
  ],
} as unknown as SubmissionResult;

test("a failing hidden test shows its name and hint, never its input, expected value or output", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const username = `hidden-${Date.now().toString(36)}`;
  const password = "a secret good password";
  const created = await request.post("/api/account", { data: { username, password, ageGroup: "8-11" } });
  expect(created.status()).toBe(201);
  await page.goto("/sign-in");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(username);

  await page.goto(`/learn/${exercise}`);
  // A slow program keeps the real grading busy while the verdict above is stored: a verdict is stored once,
  // so the grader's own answer, arriving later, changes nothing.
  await replaceCode(page, "import time\ntime.sleep(20)");
  const posted = page.waitForResponse((r) => r.url().endsWith("/api/submissions") && r.request().method() === "POST");
  await page.getByTestId("submit-button").click();
  const { id } = AcceptedView.parse(await (await posted).json());
  const db = createDb({ url: env.E2E_DATABASE_URL });
  try {
    expect(await saveSubmissionResult(db.db, id, verdict)).toBe(true);
  } finally {
    await db.close();
  }

  await expect(page.getByTestId("results-summary")).toHaveText("2 / 4 tests passed");
  const hidden = page.getByRole("listitem", { name: "greets a name with two words: failed, hidden test" });
  const shown = page.getByRole("listitem", { name: "greets Sam: failed" });
  await expect(shown.getByTestId("test-message")).toHaveText("Expected: Hello, Sam!");
  await expect(shown.getByTestId("test-output")).toHaveText("Hello!");
  await expect(
    page.getByRole("listitem", { name: "greets a robot friend called R2: passed, hidden test" }),
  ).toBeVisible();

  await hidden.getByText("greets a name with two words").click();
  await expect(hidden.getByTestId("test-hint")).toHaveText(
    "A name can have a space in it: print the whole line you read.",
  );
  await expect(hidden.getByTestId("hidden-test")).toHaveText("hidden test");
  await expect(hidden.getByTestId("test-message")).toHaveCount(0);
  await expect(hidden.getByTestId("test-output")).toHaveCount(0);
  await expect(page.getByTestId("results")).not.toContainText("SECRET-OUTPUT");
  await page.getByTestId("results").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/screenshots/learn-hidden-test.png", fullPage: true });

  // The answer itself never carried it: the server drops a hidden test's output.
  const answer = SubmissionView.parse(await (await page.request.get(`/api/submissions/${id}`)).json());
  expect(answer.result?.tests.find((t) => t.name === "greets a name with two words")).toEqual({
    name: "greets a name with two words",
    status: "fail",
    visibility: "hidden",
    message: "A name can have a space in it: print the whole line you read.",
  });
});
