import { type Browser, expect, type Page, test } from "@playwright/test";

const exercise = "8-11/first-steps/say-hello";
const password = "workspace test password";

async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(username);
  return page;
}

/** A new 8-11 learner, on the exercise's lesson page with its files. */
async function signUpAndOpenLesson(page: Page, username: string) {
  await page.goto("/sign-up");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("age-group-8-11").click();
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/learn\/8-11/);
  await page.goto(`/learn/${exercise}`);
  await expect(item(page, "main.py")).toBeVisible();
}

const item = (page: Page, name: string) => page.getByRole("treeitem", { name, exact: false });
const tab = (page: Page, path: string) => page.locator(`[data-testid="editor-tab"][data-path="${path}"]`);

async function replaceText(page: Page, text: string) {
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

test("a new learner makes, renames and imports a file, finds it in another browser, meets a conflict and resets", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const username = `files-${Date.now().toString(36)}`;
  await signUpAndOpenLesson(page, username);
  await expect(page.getByTestId("editor")).toContainText("Robo says hello");

  // Create helpers.py with the keyboard-free path: the New file button and an in-place name.
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "New file name" }).fill("helpers.py");
  await page.keyboard.press("Enter");
  await expect(tab(page, "helpers.py")).toHaveAttribute("aria-selected", "true");
  await replaceText(page, 'GREETING = "Hello from utils"');
  await expect(tab(page, "helpers.py")).toHaveAttribute("data-state", "saved");

  // Rename it in place with F2 on the tree item.
  await item(page, "helpers.py").focus();
  await page.keyboard.press("F2");
  await page.getByRole("textbox", { name: "New name for helpers.py" }).fill("utils.py");
  await page.keyboard.press("Enter");
  await expect(item(page, "utils.py")).toBeVisible();
  await expect(item(page, "helpers.py")).toHaveCount(0);
  await expect(tab(page, "utils.py")).toBeVisible();

  // Import it from main.py and run.
  await item(page, "main.py").click();
  await replaceText(page, "from utils import GREETING\nprint(GREETING)");
  await expect(tab(page, "main.py")).toHaveAttribute("data-state", "saved");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Hello from utils", { timeout: 30_000 });
  await page.screenshot({ path: "e2e/screenshots/workspace-run.png", fullPage: true });

  // Another browser: the same files.
  const second = await signIn(browser, username);
  await second.goto(`/learn/${exercise}`);
  await expect(item(second, "utils.py")).toBeVisible();
  await expect(second.getByTestId("editor")).toContainText("from utils import GREETING");
  await item(second, "utils.py").click();
  await expect(second.getByTestId("editor")).toContainText('GREETING = "Hello from utils"');
  await second.screenshot({ path: "e2e/screenshots/workspace-second-browser.png", fullPage: true });

  // Another user cannot read the workspace: 404 with a sentence.
  const workspaceId = await page.getByTestId("workspace").getAttribute("data-workspace-id");
  expect(workspaceId).toBeTruthy();
  const intruder = `intruder-${Date.now().toString(36)}`;
  expect(
    (
      await request.post("/api/account", {
        data: { username: intruder, password, ageGroup: "8-11" },
        headers: { origin: new URL(page.url()).origin },
      })
    ).status(),
  ).toBe(201);
  const stranger = await signIn(browser, intruder);
  const peek = await stranger.request.get(`/api/workspaces/${workspaceId}`);
  expect(peek.status()).toBe(404);
  expect((await peek.json()).error).toMatch(/does not exist or is not yours/);
  await stranger.context().close();

  // The same file edited in two tabs: the second save meets the conflict dialog.
  const other = await page.context().newPage();
  await other.goto(`/learn/${exercise}`);
  await expect(other.getByTestId("editor")).toContainText("from utils import GREETING");
  await replaceText(other, 'print("saved in the other tab")');
  await expect(tab(other, "main.py")).toHaveAttribute("data-state", "saved");
  await replaceText(page, 'print("typed in the first tab")');
  const dialog = page.getByTestId("conflict-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("main.py changed since you opened it");
  await page.screenshot({ path: "e2e/screenshots/workspace-conflict.png" });
  await page.getByTestId("conflict-reload").click();
  await expect(page.getByTestId("editor")).toContainText("saved in the other tab");
  await expect(tab(page, "main.py")).toHaveAttribute("data-state", "saved");
  await other.close();

  // Reset lesson: the starter files come back and utils.py goes, on the server too.
  await page.getByTestId("reset-button").click();
  await page.getByTestId("reset-dialog-confirm").click();
  await expect(item(page, "utils.py")).toHaveCount(0);
  await expect(page.getByTestId("editor")).toContainText("Robo says hello");
  await page.screenshot({ path: "e2e/screenshots/workspace-reset.png", fullPage: true });
  await second.reload();
  await expect(item(second, "main.py")).toBeVisible();
  await expect(item(second, "utils.py")).toHaveCount(0);
  await second.context().close();
});

test("a project from the playground, and the workspace API's refusals each carry a sentence", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const username = `maker-${Date.now().toString(36)}`;
  await page.goto("/sign-in");
  const origin = new URL(page.url()).origin;
  const created = await request.post("/api/account", {
    data: { username, password, ageGroup: "12-15" },
    headers: { origin },
  });
  expect(created.status()).toBe(201);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(username);

  await page.goto("/");
  await page.getByTestId("projects-link").click();
  await page.getByTestId("project-name").fill("Space game");
  await page.getByTestId("create-project").click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  await expect(item(page, "main.py")).toBeVisible();
  await page.getByRole("button", { name: "New folder" }).click();
  await page.getByRole("textbox", { name: "New folder name" }).fill("levels");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("treeitem", { name: "levels, folder" })).toBeVisible();
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "New file name in levels" }).fill("one.py");
  await page.keyboard.press("Enter");
  await replaceText(page, 'print("level one")');
  await expect(tab(page, "levels/one.py")).toHaveAttribute("data-state", "saved");
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("output-text")).toContainText("Hello from my project!", { timeout: 30_000 });
  await page.screenshot({ path: "e2e/screenshots/workspace-project.png", fullPage: true });

  // Deleting asks first.
  await item(page, "one.py").focus();
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("delete-dialog")).toContainText("Delete levels/one.py?");
  await page.getByTestId("delete-dialog-confirm").click();
  await expect(item(page, "one.py")).toHaveCount(0);

  const id = page.url().split("/").pop() as string;
  const api = (method: string, path: string, data?: unknown) =>
    page.request.fetch(`/api/workspaces/${id}${path}`, { method, data, headers: { origin } });
  const file = await (await api("GET", "/files?path=main.py")).json();
  const saved = await api("PUT", "/files", { path: "main.py", content: "print(2)", baseVersion: file.version });
  expect(saved.status()).toBe(200);
  const stale = await api("PUT", "/files", { path: "main.py", content: "print(3)", baseVersion: file.version });
  expect(stale.status()).toBe(409);
  expect(await stale.json()).toMatchObject({
    error: '"main.py" changed since you opened it.',
    current: { content: "print(2)", version: (await saved.json()).version },
  });
  for (const [method, path, data, status, sentence] of [
    ["POST", "/entries", { path: "main.py", kind: "file" }, 409, '"main.py" already exists.'],
    ["POST", "/entries", { path: "../up.py", kind: "file" }, 400, "cannot be used"],
    ["PATCH", "/entries", { from: "levels", to: "levels/inner" }, 400, "A folder cannot be moved into itself."],
    ["DELETE", "/entries", { path: "nothing.py" }, 404, 'There is no "nothing.py" in this workspace.'],
    ["POST", "/reset", {}, 400, "Only a lesson's workspace can be reset."],
    ["PUT", "/files", { path: "main.py", content: "x".repeat(300 * 1024), baseVersion: 99 }, 413, "at most 256 KiB"],
  ] as const) {
    const answer = await api(method, path, data);
    expect(answer.status(), `${method} ${path}`).toBe(status);
    expect((await answer.json()).error).toContain(sentence);
  }
  const run = await page.request.post("/api/executions", {
    data: { workspaceId: id, entry: "missing.py" },
    headers: { origin },
  });
  expect(run.status()).toBe(400);
  expect((await run.json()).error).toBe('There is no file "missing.py" to run in this workspace.');
});

test("Check my answer grades all the workspace's files, and a signed-in run takes typed input", async ({ page }) => {
  test.setTimeout(180_000);
  const username = `grade-${Date.now().toString(36)}`;
  await signUpAndOpenLesson(page, username);

  // The answer lives in two files: main.py only works with greet.py beside it.
  await page.getByRole("button", { name: "New file" }).click();
  await page.getByRole("textbox", { name: "New file name" }).fill("greet.py");
  await page.keyboard.press("Enter");
  await expect(tab(page, "greet.py")).toHaveAttribute("aria-selected", "true");
  await replaceText(page, 'def greet(name): return "Hello, " + name + "!"\n');
  await expect(tab(page, "greet.py")).toHaveAttribute("data-state", "saved");
  await item(page, "main.py").click();
  await replaceText(page, "from greet import greet\nprint(greet(input()))");
  await expect(tab(page, "main.py")).toHaveAttribute("data-state", "saved");

  // Run: the program waits in input(); the learner types into the output panel.
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("input-hint")).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("output").click();
  await page.keyboard.type("Robo");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("output-text")).toContainText("Robo\nHello, Robo!", { timeout: 30_000 });

  const posted = page.waitForResponse((r) => r.url().endsWith("/api/submissions") && r.request().method() === "POST");
  await page.getByTestId("submit-button").click();
  const sent = (await posted).request().postDataJSON() as { files: { path: string }[] };
  expect(sent.files.map((f) => f.path).sort()).toEqual(["greet.py", "main.py"]);
  await expect(page.getByTestId("results-summary")).toHaveText("4 / 4 tests passed", { timeout: 90_000 });
  await page.screenshot({ path: "e2e/screenshots/live-grade-files.png", fullPage: true });
});
