// Shared steps of the review e2e tests: accounts, sign-in, graded answers, and the few database facts the
// browser cannot create quickly (passed exercises, an admin role), written with psql into the e2e database.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";
import { env } from "./env";

export const password = "a review test password";

export function sql(statement: string): string {
  return execFileSync("psql", [env.E2E_DATABASE_URL, "-v", "ON_ERROR_STOP=1", "-Atc", statement]).toString().trim();
}

export async function signUp(request: APIRequestContext, prefix: string, ageGroup: string): Promise<string> {
  const username = `${prefix}-${Date.now().toString(36)}`;
  const response = await request.post("/api/account", { data: { username, password, ageGroup } });
  expect(response.status()).toBe(201);
  return username;
}

/** A new browser context (its own cookies) signed in as `username`. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-menu")).toHaveText(username);
  return page;
}

/** Records every exercise of a level as passed, as if the user had solved them. */
export function passLevel(username: string, group: string, level: string) {
  const dir = join(process.cwd(), "content", "curriculum", group, level);
  const ids = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  for (const slug of ids) {
    sql(
      `insert into progress (user_id, exercise_id, submission_id) select id, '${group}/${level}/${slug}', gen_random_uuid() from users where username = '${username}'`,
    );
  }
}

/** Submits the reference solution through the real grader and waits for its verdict. */
export async function submitSolution(page: Page, exerciseId: string) {
  const solution = readFileSync(join(process.cwd(), "content", "curriculum", exerciseId, "solution.py"), "utf8");
  const response = await page.request.post("/api/submissions", {
    data: { exerciseId, files: [{ path: "main.py", content: solution }] },
  });
  expect(response.status()).toBe(202);
  const { id } = await response.json();
  await expect
    .poll(async () => (await (await page.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 60_000 })
    .toBe("pass");
}

export async function becomeReviewer(page: Page, levels: string[]) {
  await page.goto("/reviews/become");
  for (const level of levels) await page.getByTestId(`level-${level}`).check();
  await page.getByTestId("accept-code").check();
  await page.getByTestId("become-reviewer").click();
  await expect(page.getByTestId("become-reviewer")).toHaveText("Save my levels");
}
