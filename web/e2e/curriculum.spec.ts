// One new learner per age group walks the course as the map lays it out: Run examples on the first exercise,
// the reference solution passes, Next leads on, and finishing the first level opens the second by its rule.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { getExercise, type Level, loadCurriculum } from "../lib/curriculum/load";
import { signedIn, signUp, submitSolution } from "./review-helpers";

const contentRoot = join(process.cwd(), "content", "curriculum");
const curriculum = loadCurriculum(contentRoot);
const shots = "e2e/screenshots";
const solutionOf = (exerciseId: string) => readFileSync(join(contentRoot, exerciseId, "solution.py"), "utf8");

/** Puts `content` into the lesson's main.py through the files API (typing Python into Monaco re-indents it). */
async function writeMain(page: Page, content: string) {
  const workspaceId = await page.getByTestId("workspace").getAttribute("data-workspace-id");
  expect(workspaceId).toBeTruthy();
  const current = await page.request.get(`/api/workspaces/${workspaceId}/files?path=main.py`);
  expect(current.status()).toBe(200);
  const { version } = await current.json();
  const saved = await page.request.put(`/api/workspaces/${workspaceId}/files`, {
    data: { path: "main.py", content, baseVersion: version },
  });
  expect(saved.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("editor")).toContainText(content.trim().split("\n")[0]?.trim() ?? "");
}

async function runExamples(page: Page, shown: number) {
  await page.getByTestId("examples-button").click();
  const results = page.getByTestId("example-results");
  await expect(results).toHaveAttribute("data-phase", "finished", { timeout: 150_000 });
  await expect(page.getByTestId("examples-summary")).toHaveText(new RegExp(`^\\d+ / ${shown} examples? passed$`));
  // Only examples: every row is a shown test, never a hidden one.
  await expect(results.locator('[data-testid="test-result"]')).toHaveCount(shown);
  await expect(results.locator('[data-testid="test-result"][data-visibility="hidden"]')).toHaveCount(0);
  return results;
}

async function completed(page: Page): Promise<string[]> {
  const response = await page.request.get("/api/progress");
  expect(response.status()).toBe(200);
  return (await response.json()).completed;
}

for (const group of curriculum.groups) {
  test(`a new ${group.id} learner runs the examples, passes, and follows Next into the next level`, async ({
    browser,
    request,
  }) => {
    test.setTimeout(420_000);
    const [first, second] = group.levels as [Level, Level];
    expect(second, `${group.id} needs at least two levels`).toBeDefined();
    const [exercise, following] = first.exercises;
    if (!exercise || !following) throw new Error(`${group.id}/${first.id} needs at least two exercises`);
    const last = first.exercises.at(-1) ?? exercise;
    const opener = second.exercises[0];
    if (!opener) throw new Error(`${group.id}/${second.id} has no exercise`);
    const shown = getExercise(exercise.id, contentRoot)?.tests.filter((t) => t.shown).length ?? 0;
    expect(shown).toBeGreaterThan(0);

    // The map: the first level open, the second locked, saying what opens it.
    const page = await signedIn(browser, await signUp(request, `path-${group.id}`, group.id));
    await page.goto(`/learn/${group.id}`);
    const levelCard = (id: string) => page.locator(`[data-testid="level"][id="${id}"]`);
    await expect(levelCard(first.id)).toHaveAttribute("data-state", "current");
    await expect(levelCard(second.id)).toHaveAttribute("data-state", "locked");
    const needed = second.unlock?.passed === "all" || !second.unlock ? `all ${first.exercises.length}` : "";
    await expect(levelCard(second.id).getByTestId("unlock-hint")).toContainText(`Pass ${needed}`.trim());
    await expect(levelCard(second.id).getByTestId("unlock-hint")).toContainText(`“${first.title}” to open this`);
    await expect(levelCard(first.id).getByTestId("level-progress")).toHaveText(`0 / ${first.exercises.length} done`);
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-map.png`, fullPage: true });
    // The API keeps to the same rule: the second level's examples cannot be run yet.
    const early = await page.request.post("/api/submissions", {
      data: { exerciseId: opener.id, examples: true, files: [{ path: "main.py", content: "print(1)" }] },
    });
    expect(early.status()).toBe(403);
    expect((await early.json()).error).toContain(`“${first.title}” to open it`);

    // The first exercise: Run examples on the starter, then on the reference solution.
    await page.locator(`[data-testid="exercise-tile"][data-exercise-id="${exercise.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/learn/${exercise.id}$`));
    await expect(page.getByTestId("workspace")).toBeVisible();
    const starterResults = await runExamples(page, shown);
    const failing = starterResults.locator('[data-testid="test-result"][data-status="fail"]');
    if ((await failing.count()) > 0) {
      // A failing example says what it expected and what the program printed.
      await expect(failing.first().getByTestId("test-message")).toBeVisible();
    }
    await starterResults.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-examples-starter.png`, fullPage: true });

    await writeMain(page, solutionOf(exercise.id));
    const passing = await runExamples(page, shown);
    await expect(page.getByTestId("examples-summary")).toHaveText(new RegExp(`^${shown} / ${shown} examples? passed$`));
    await expect(passing.getByTestId("examples-next")).toContainText("Check my answer");
    await passing.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-examples-pass.png`, fullPage: true });
    // Passing the examples records nothing.
    expect(await completed(page)).not.toContain(exercise.id);

    // Check my answer: every test passes, the exercise is done, Next leads to the following exercise.
    await page.getByTestId("submit-button").click();
    await expect(page.getByTestId("celebration")).toBeVisible({ timeout: 150_000 });
    await expect(page.getByTestId("lesson-done")).toBeVisible();
    const next = page.getByTestId("next-exercise");
    await expect(next).toHaveAttribute("href", `/learn/${following.id}`);
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-pass.png`, fullPage: true });
    await next.click();
    await expect(page).toHaveURL(new RegExp(`/learn/${following.id}$`));
    await expect(page.getByTestId("workspace")).toBeVisible();

    // The rest of the level through the grader; the last one in the page, where Next crosses into level 2.
    for (const e of first.exercises.slice(1, -1)) await submitSolution(page, e.id);
    await page.goto(`/learn/${last.id}`);
    await writeMain(page, solutionOf(last.id));
    await page.getByTestId("submit-button").click();
    await expect(page.getByTestId("celebration")).toBeVisible({ timeout: 150_000 });
    const across = page.getByTestId("next-exercise");
    await expect(across).toHaveAttribute("href", `/learn/${opener.id}`);
    await expect(across).toContainText(opener.title);
    await expect(page.getByTestId("celebration")).toContainText(`you opened “${second.title}”`);
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-level-done.png`, fullPage: true });
    await across.click();
    await expect(page).toHaveURL(new RegExp(`/learn/${opener.id}$`));
    await expect(page.getByTestId("workspace")).toBeVisible();
    await expect(page.getByTestId("locked")).toHaveCount(0);

    // The map and the dashboard agree: level 1 done, level 2 open, continue where the learner left off.
    await page.goto(`/learn/${group.id}`);
    await expect(levelCard(first.id)).toHaveAttribute("data-state", "done");
    await expect(levelCard(second.id)).toHaveAttribute("data-state", "current");
    await expect(page.getByTestId("continue-link")).toHaveAttribute("href", `/learn/${opener.id}`);
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-map-after.png`, fullPage: true });
    await page.goto("/dashboard");
    await expect(page.getByTestId("continue-link")).toHaveAttribute("href", `/learn/${opener.id}`);
    await expect(page.getByTestId("dashboard")).toContainText(`Level 2 · ${second.title}`, { ignoreCase: true });
    await expect(page.locator('[data-testid="level-progress-row"]').first()).toHaveAttribute("data-state", "done");
    await page.screenshot({ path: `${shots}/curriculum-${group.id}-dashboard.png`, fullPage: true });
    await page.context().close();
  });
}
