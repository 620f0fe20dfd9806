// The page around the editor: the task in view, Lesson/Code tabs on a phone, Escape out of the editor, the light
// theme, a syntax error explained in one line, and a learner kept to their own age group's lessons.
import { expect, type Page, test } from "@playwright/test";
import { password, signUp } from "./review-helpers";

const lesson = "/learn/8-11/first-steps/say-hello";

async function signIn(page: Page, ageGroup = "8-11"): Promise<string> {
  const username = await signUp(page.request, "page", ageGroup);
  await page.goto("/sign-in");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(username);
  return username;
}

async function editorReady(page: Page) {
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor .view-lines")).toBeVisible();
  return editor;
}

async function replaceCode(page: Page, code: string) {
  const editor = await editorReady(page);
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
}

const focusInEditor = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid="editor"]') !== null);

test.describe("on a 1440x900 desktop", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the task and the editor are both in view, and the page itself does not scroll", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page);
    await page.goto(lesson);
    await editorReady(page);
    for (const id of ["task", "editor", "submit-button", "run-button"]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box?.y ?? -1, id).toBeGreaterThanOrEqual(0);
      expect((box?.y ?? 0) + (box?.height ?? 0), id).toBeLessThanOrEqual(900);
    }
    await expect(page.getByTestId("task")).toContainText("Your task");
    // The columns scroll on their own: a long results panel never stretches the page beside the lesson.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(1);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.screenshot({ path: "e2e/screenshots/page-desktop-dark.png" });
  });

  test("Escape leaves the editor, after closing Monaco's own find box first", async ({ page }) => {
    await page.goto(lesson);
    const editor = await editorReady(page);
    await editor.locator(".monaco-editor .view-lines").click();
    expect(await focusInEditor(page)).toBe(true);

    await page.keyboard.press("ControlOrMeta+F");
    await expect(editor.locator(".find-widget.visible")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(editor.locator(".find-widget.visible")).toHaveCount(0);
    expect(await focusInEditor(page)).toBe(true);

    await page.keyboard.press("Escape");
    await expect.poll(() => focusInEditor(page)).toBe(false);
    // Focus lands on the next control, not on the page body, and the code was not indented.
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
    const indented = await editor
      .locator(".view-lines")
      .evaluate((el) =>
        Array.from(el.querySelectorAll(".view-line")).some((line) => /^[\s\u00a0]/.test(line.textContent ?? "")),
      );
    expect(indented).toBe(false);
  });

  test("the theme toggle switches the page, the editor and the output, and is remembered", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(lesson);
    const editor = await editorReady(page);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);

    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveClass(/\blight\b/);
    const editorBackground = () =>
      editor.locator(".monaco-editor-background").evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(editorBackground).toBe("rgb(251, 252, 254)");

    await page.reload();
    await editorReady(page);
    // Set before the first paint: the class is there in the document as first parsed, not added later.
    await expect(page.locator("html")).toHaveClass(/\blight\b/);
    await expect.poll(editorBackground).toBe("rgb(251, 252, 254)");
    // The output terminal is drawn without a run: its colours do not wait for a sandbox.
    await expect(page.getByTestId("output-text")).toContainText("Press Run");
    // xterm paints its theme's background on its scrollable element.
    const outputBackground = () =>
      page
        .getByTestId("output")
        .locator(".xterm-scrollable-element")
        .first()
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(outputBackground).toBe("rgb(251, 252, 254)");
    await page.screenshot({ path: "e2e/screenshots/page-desktop-light.png" });

    await page.getByTestId("theme-toggle").click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await expect.poll(outputBackground).toBe("rgb(11, 15, 23)");
    await expect.poll(editorBackground).toBe("rgb(11, 15, 23)");
  });

  test("a light system setting gives the light theme with no choice made, review pages included", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await signIn(page);
    for (const [path, name] of [
      ["/", "playground"],
      ["/reviews", "reviews"],
      ["/reviews/become", "reviews-become"],
      [`/reviews/request?exercise=${encodeURIComponent("8-11/first-steps/say-hello")}`, "reviews-request"],
    ] as const) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(/\blight\b/);
      await expect(page.locator("h1").first()).toBeVisible();
      await page.screenshot({ path: `e2e/screenshots/page-${name}-light.png`, fullPage: true });
    }
  });

  test("a syntax error is explained in one line, with no test rows", async ({ page }) => {
    await signIn(page);
    await page.goto(lesson);
    await replaceCode(page, 'name = input()\nprint("Hello, " + name');
    await expect(page.getByTestId("save-state")).toHaveText("Saved");
    await page.getByTestId("submit-button").click();
    const explanation = page.getByTestId("compile-error");
    await expect(explanation).toContainText("Python could not understand line 2", { timeout: 90_000 });
    await expect(page.getByTestId("test-result")).toHaveCount(0);
    await expect(page.getByTestId("results-summary")).toHaveCount(0);
    await expect(page.getByTestId("results")).not.toContainText("did not say more");
    await page.getByTestId("results").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/screenshots/page-syntax-error.png" });
  });

  test("another age group's lesson says so and links back to the learner's own", async ({ page }) => {
    await signIn(page, "8-11");
    await page.goto("/learn/12-15/game-basics/scoreboard");
    const notice = page.getByTestId("other-group-notice");
    await expect(notice).toBeVisible();
    await expect(notice.getByTestId("own-group-link")).toHaveAttribute("href", "/learn/8-11");
    // The own group's map no longer points at the other groups.
    await page.goto("/learn/8-11");
    await expect(page.getByTestId("other-group-notice")).toHaveCount(0);
    await expect(page.locator('main a[href="/learn/12-15"]')).toHaveCount(0);
    await page.goto("/learn/12-15");
    await expect(page.getByTestId("other-group-notice")).toBeVisible();
  });
});

test("on a phone, the Code tab brings the editor up and Run and Check are easy to tap @phone", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page);
  await page.goto(lesson);
  await expect(page.getByTestId("task")).toBeInViewport();
  await page.screenshot({ path: "e2e/screenshots/page-phone-lesson.png" });

  await page.getByTestId("tab-code").tap();
  const editor = await editorReady(page);
  const box = await editor.boundingBox();
  expect(box?.y ?? 9999).toBeLessThan(844);
  await expect(page.getByTestId("task")).toBeHidden();
  for (const id of ["run-button", "submit-button", "tab-lesson", "tab-code"]) {
    const height = (await page.getByTestId(id).boundingBox())?.height ?? 0;
    expect(height, id).toBeGreaterThanOrEqual(44);
  }
  await page.screenshot({ path: "e2e/screenshots/page-phone-code.png" });

  await page.getByTestId("tab-lesson").tap();
  await expect(page.getByTestId("task")).toBeVisible();
});
