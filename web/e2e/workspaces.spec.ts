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
  await page.goto("/sign-up");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("age-group-8-11").click();
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/learn\/8-11/);
  await page.goto(`/learn/${exercise}`);
  await expect(item(page, "main.py")).toBeVisible();
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
