import { expect, type Page } from "@playwright/test";

/** Replaces the playground editor's program by typing it, as a learner would. */
export async function typeProgram(page: Page, code: string) {
  const editor = page.getByTestId("editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(code);
}
