import { expect, type Page, test } from "@playwright/test";

const exercise = "8-11/first-steps/say-hello";
const password = "terminal test password";

async function signUp(page: Page, username: string) {
  await page.goto("/sign-up");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("age-group-8-11").click();
  await page.getByTestId("sign-up-submit").click();
  await expect(page).toHaveURL(/\/learn\/8-11/);
}

/** Every line xterm holds (scrollback included), read through the terminal the panel hangs on its screen element. */
function lines(page: Page): Promise<string[]> {
  return page.getByTestId("terminal-screen").evaluate((el) => {
    const terminal = (el as HTMLElement & { xterm?: import("@xterm/xterm").Terminal }).xterm;
    const buffer = terminal?.buffer.active;
    if (!buffer) return [];
    const out: string[] = [];
    for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? "");
    return out;
  });
}

function size(page: Page): Promise<{ rows: number; cols: number }> {
  return page.getByTestId("terminal-screen").evaluate((el) => {
    const terminal = (el as HTMLElement & { xterm?: import("@xterm/xterm").Terminal }).xterm;
    return { rows: terminal?.rows ?? 0, cols: terminal?.cols ?? 0 };
  });
}

async function typeLine(page: Page, text: string) {
  await page.getByTestId("terminal-screen").click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

const screenText = async (page: Page) => (await lines(page)).join("\n");

test("a learner opens a terminal: runs commands, resizes, survives going offline, and files reach the explorer", async ({
  page,
  context,
}) => {
  test.setTimeout(420_000);
  await signUp(page, `term-${Date.now().toString(36)}`);
  await page.goto(`/learn/${exercise}`);
  await expect(page.getByRole("treeitem", { name: "main.py", exact: false })).toBeVisible();

  await page.getByTestId("terminal-connect").click();
  await expect(page.getByTestId("terminal-status")).toHaveText("Connected", { timeout: 180_000 });

  // Type a command and see its output; the lesson's files are there.
  await typeLine(page, "echo hello-$((6*7)); ls");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toMatch(/hello-42[\s\S]*main\.py/);

  // The terminal fits its panel, and the shell agrees on the size after a window resize.
  const before = await size(page);
  // Narrower but still the two-column layout (below 1024 px the page shows one column at a time, by tabs).
  await page.setViewportSize({ width: 1100, height: 800 });
  await expect.poll(async () => (await size(page)).cols, { timeout: 30_000 }).not.toBe(before.cols);
  const fitted = await size(page);
  expect(fitted.cols).toBeGreaterThanOrEqual(20);
  await typeLine(page, "stty size");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toContain(`${fitted.rows} ${fitted.cols}`);
  // Collapsed and shown again: still a real size, never NaN or one column.
  await page.getByTestId("terminal-toggle").click();
  await page.getByTestId("terminal-toggle").click();
  const reopened = await size(page);
  expect(reopened.cols).toBeGreaterThanOrEqual(20);
  expect(Number.isInteger(reopened.rows)).toBe(true);

  // A file written in the terminal appears in the file explorer.
  await typeLine(page, "echo from-the-terminal > notes.txt");
  await expect(page.getByRole("treeitem", { name: "notes.txt", exact: false })).toBeVisible({ timeout: 30_000 });

  // `yes` for 10 s: the page stays responsive (flow control holds the shell back), and Ctrl+C stops it.
  await typeLine(page, "yes codeyard-flood");
  await expect.poll(() => screenText(page), { timeout: 30_000 }).toContain("codeyard-flood");
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.getByTestId("terminal-screen-reader").click();
    await expect(page.getByTestId("terminal-screen-reader")).toBeChecked({ checked: i % 2 === 0, timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await page.waitForTimeout(2_000);
  }
  await page.getByTestId("terminal-screen").click();
  await page.keyboard.press("Control+C");
  await typeLine(page, "echo flood-$((2+3))-over");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toContain("flood-5-over");
  await page.getByTestId("terminal-screen-reader").uncheck();

  // Offline for 20 s while a program prints a line a second: the missed lines are replayed, once, in order.
  await typeLine(page, "clear");
  await typeLine(page, "python3 -c $'import time\\nfor i in range(60): print(\"n\", i, flush=True); time.sleep(1)'");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toContain("n 3");
  await context.setOffline(true);
  await expect(page.getByTestId("terminal-status")).toHaveText("Reconnecting...", { timeout: 30_000 });
  await page.waitForTimeout(20_000);
  await context.setOffline(false);
  await expect(page.getByTestId("terminal-status")).toHaveText("Reconnected", { timeout: 60_000 });
  await expect.poll(() => screenText(page), { timeout: 120_000 }).toContain("n 59");
  const numbers = (await lines(page))
    .map((line) => /^n (\d+)$/.exec(line.trim())?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i));
  await page.screenshot({ path: "test-results/terminal.png" });

  // Disconnect ends the shell and does not come back by itself.
  await page.getByTestId("terminal-disconnect").click();
  await expect(page.getByTestId("terminal-status")).toHaveText("Disconnected");
  await page.waitForTimeout(3_000);
  await expect(page.getByTestId("terminal-status")).toHaveText("Disconnected");
});

test("an anonymous visitor gets no terminal", async ({ request }) => {
  const response = await request.post("/api/terminal");
  expect(response.status()).toBe(401);
  expect((await response.json()).error).toMatch(/sign in/i);
});

test("a file the terminal writes after the page has gone is saved by the server within 30 s", async ({
  page,
  context,
}) => {
  test.setTimeout(420_000);
  await signUp(page, `late-${Date.now().toString(36)}`);
  await page.goto(`/learn/${exercise}`);
  await expect(page.getByRole("treeitem", { name: "main.py", exact: false })).toBeVisible();
  await page.getByTestId("terminal-connect").click();
  await expect(page.getByTestId("terminal-status")).toHaveText("Connected", { timeout: 180_000 });
  await typeLine(page, "echo ready-$((1+1))");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toContain("ready-2");

  // The file is written 3 s after the page is closed: only the server's save loop can keep it.
  await typeLine(page, "(sleep 3; echo late > late.txt) &");
  await page.close();
  const closed = Date.now();

  const again = await context.newPage();
  await again.waitForTimeout(35_000);
  await again.goto(`/learn/${exercise}`);
  // The terminal stays closed on this page, so the explorer shows what Postgres holds.
  await expect(again.getByTestId("terminal-status")).toHaveCount(0);
  await expect(again.getByRole("treeitem", { name: "late.txt", exact: false })).toBeVisible({ timeout: 60_000 });
  console.log(`late.txt listed ${Math.round((Date.now() - closed) / 1000)} s after the page closed`);
  await again.getByRole("treeitem", { name: "late.txt", exact: false }).click();
  await expect(again.locator(".monaco-editor .view-lines")).toContainText("late", { timeout: 60_000 });
});

test("on a phone, the on-screen keyboard types into the terminal @phone", async ({ page }) => {
  test.setTimeout(360_000);
  await signUp(page, `phone-${Date.now().toString(36)}`);
  await page.goto(`/learn/${exercise}`);
  await page.getByTestId("tab-code").tap();
  await page.getByTestId("terminal-connect").tap();
  await expect(page.getByTestId("terminal-status")).toHaveText("Connected", { timeout: 180_000 });
  // Every control of the header fits in the panel (the header wraps) and takes a finger: 44 px at least.
  const panel = page.getByTestId("terminal-panel");
  const frame = await panel.boundingBox();
  expect(frame?.width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  const controls = [
    panel.getByRole("button", { name: "Copy the selected text" }),
    panel.getByRole("button", { name: "Paste" }),
    panel.locator("label", { has: page.getByTestId("terminal-screen-reader") }),
    page.getByTestId("terminal-disconnect"),
    page.getByTestId("terminal-toggle"),
  ];
  for (const control of controls) {
    const box = await control.boundingBox();
    expect(box, "a header control is laid out").not.toBeNull();
    if (!box || !frame) continue;
    expect(box.x).toBeGreaterThanOrEqual(frame.x);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width);
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  await panel.screenshot({ path: "test-results/terminal-phone-header.png" });
  await page.getByTestId("terminal-screen").tap();
  // A virtual keyboard sends text as input events (no key presses for letters), then Enter.
  await page.keyboard.insertText("echo phone-$((6*7))");
  await page.keyboard.press("Enter");
  await expect.poll(() => screenText(page), { timeout: 60_000 }).toContain("phone-42");
  await page.screenshot({ path: "test-results/terminal-phone.png" });
});
