import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { becomeReviewer, passLevel, signedIn, signUp, sql, submitSolution } from "./review-helpers";

const exercise = "8-11/first-steps/say-hello";
const shots = "e2e/screenshots";

test("a child's request waits for a grown-up, then only reviewers approved for young learners see it", async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const childName = await signUp(request, "kid", "8-11");
  const approvedName = await signUp(request, "rev-young", "16-plus");
  const plainName = await signUp(request, "rev-plain", "16-plus");
  const adminName = await signUp(request, "mod", "16-plus");
  sql(`update users set role = 'admin' where username = '${adminName}'`);
  for (const name of [approvedName, plainName]) passLevel(name, "16-plus", "python-basics");
  const approved = await signedIn(browser, approvedName);
  const plain = await signedIn(browser, plainName);
  const child = await signedIn(browser, childName);
  const admin = await signedIn(browser, adminName);
  await becomeReviewer(approved, ["8-11/first-steps"]);
  await becomeReviewer(plain, ["8-11/first-steps"]);

  // The child asks: a grown-up's email is needed, and the request waits for their approval.
  await submitSolution(child, exercise);
  await child.goto(`/reviews/request?exercise=${exercise}`);
  await child.getByTestId("review-question").fill("Did I do the greeting right?");
  await child.getByTestId("guardian-email").fill("grown-up@example.com");
  await child.getByTestId("request-review").click();
  await expect(child.getByTestId("review-status")).toHaveText("Waiting for a grown-up's approval");
  const requestId = child.url().split("/").at(-1) as string;
  await child.screenshot({ path: `${shots}/reviews-child-waiting.png`, fullPage: true });

  // An admin approves one reviewer for young learners.
  await admin.goto("/admin/reviews");
  const row = admin.locator(`[data-testid="reviewer-row"][data-username="${approvedName}"]`);
  await row.getByTestId("toggle-young").click();
  await expect(row).toContainText("Approved for young learners");
  await admin.screenshot({ path: `${shots}/reviews-admin.png`, fullPage: true });

  const item = (page: typeof approved) => page.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await approved.goto("/reviews/queue");
  await expect(item(approved)).toHaveCount(0);

  // The emailed link (logged in local mode) carries a token whose hash is stored; give it a known one.
  const token = "known-token-for-the-e2e-test-0001";
  const hash = createHash("sha256").update(token).digest("hex");
  const learnerId = sql(`select id from users where username = '${childName}'`);
  sql(`update guardian_approvals set token_hash = '${hash}' where learner_id = '${learnerId}'`);
  const grownUp = await browser.newContext();
  const link = await grownUp.newPage();
  await link.goto(`/guardian/${token}`);
  await link.getByTestId("guardian-approve").click();
  await expect(link.getByTestId("guardian-approved")).toBeVisible();
  await link.screenshot({ path: `${shots}/reviews-guardian.png`, fullPage: true });

  await approved.goto("/reviews/queue");
  await expect(item(approved)).toBeVisible();
  await expect(item(approved)).toContainText("Young learner");
  await expect(item(approved)).not.toContainText(childName);
  await plain.goto("/reviews/queue");
  await expect(item(plain)).toHaveCount(0);
  const refused = await plain.request.post(`/api/reviews/${requestId}/claim`, { data: {} });
  expect(refused.status()).toBe(404);

  // The approved reviewer takes it; the child can report the comment in one click.
  await item(approved).getByTestId("start-review").click();
  await approved.getByTestId("comment-body").fill("Great greeting!");
  await approved.getByTestId("comment-send").click();
  await expect(approved.getByTestId("review-comment")).toHaveCount(1);
  await expect(approved.locator("body")).not.toContainText(childName);
  await child.reload();
  await child.getByTestId("report-comment").click();
  await expect(child.getByTestId("report-comment-done")).toBeVisible();
  await admin.goto("/admin/reviews");
  await expect(admin.getByTestId("report")).toContainText("Great greeting!");
  await admin.getByTestId("hide-comment").first().click();
  await child.reload();
  await expect(child.getByTestId("review-comment")).toContainText("hidden by a moderator");
});
