import { expect, test } from "@playwright/test";
import { listAgeGroups } from "../lib/curriculum/load";
import { becomeReviewer, passLevel, signedIn, signUp, submitSolution } from "./review-helpers";

const exercise = "16-plus/python-basics/clean-up-a-name";
const shots = "e2e/screenshots";

test("a learner asks, reviewer A claims, B sees it taken, they discuss, A finishes, the learner rates", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const learnerName = await signUp(request, "learner", "16-plus");
  const aName = await signUp(request, "rev-a", "16-plus");
  const bName = await signUp(request, "rev-b", "16-plus");
  passLevel(aName, "16-plus", "python-basics");
  passLevel(bName, "16-plus", "python-basics");
  const a = await signedIn(browser, aName);
  const b = await signedIn(browser, bName);
  const learner = await signedIn(browser, learnerName);
  await becomeReviewer(a, ["16-plus/python-basics"]);
  await a.screenshot({ path: `${shots}/reviews-become.png`, fullPage: true });
  await becomeReviewer(b, ["16-plus/python-basics"]);

  // The learner submits, then asks from the exercise page.
  await submitSolution(learner, exercise);
  await learner.goto(`/learn/${exercise}`);
  await learner.getByTestId("ask-reviewer").click();
  await expect(learner.getByTestId("review-slots")).toContainText("0 of 1 in use");
  await expect(learner.getByTestId("wait-estimate")).toContainText(/Not known yet|about/);
  await learner.getByTestId("review-question").fill("Is `.title()` the **right** way to fix the names?");
  await learner.screenshot({ path: `${shots}/reviews-request.png`, fullPage: true });
  await learner.getByTestId("request-review").click();
  await expect(learner).toHaveURL(/\/reviews\/[0-9a-f-]{36}$/);
  const reviewUrl = learner.url();
  const requestId = reviewUrl.split("/").at(-1) as string;
  await expect(learner.getByTestId("review-status")).toHaveText("Waiting for a reviewer");

  // A starts the review; B sees it taken.
  await a.goto("/reviews/queue");
  const itemA = a.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(itemA).toBeVisible();
  await a.screenshot({ path: `${shots}/reviews-queue.png`, fullPage: true });
  await itemA.getByTestId("start-review").click();
  await expect(a).toHaveURL(new RegExp(`/reviews/${requestId}$`));
  await expect(a.getByTestId("review-code")).toContainText('print(f"{last}, {first}")');
  await expect(a.getByTestId("review-tests")).toContainText("tests passed");
  await b.goto("/reviews/queue");
  const itemB = b.locator(`[data-testid="queue-item"][data-request-id="${requestId}"]`);
  await expect(itemB.getByTestId("queue-taken")).toBeVisible();
  await expect(itemB.getByTestId("start-review")).toHaveCount(0);
  await b.screenshot({ path: `${shots}/reviews-queue-taken.png`, fullPage: true });
  expect((await b.request.get(reviewUrl)).status()).toBe(404);

  // A comments with the keyboard only: type, Tab to the line picker (Tab leaves the box), pick line 3, Tab, Enter.
  await a.getByTestId("comment-body").focus();
  await a.keyboard.type(
    "Nice! On this line **f-strings** shine. <script>window.__xss = 1</script><img src=x onerror=alert(1)>",
  );
  await a.keyboard.press("Tab");
  await expect(a.getByTestId("comment-line")).toBeFocused();
  await a.keyboard.press("ArrowDown");
  await a.keyboard.press("ArrowDown");
  await a.keyboard.press("ArrowDown");
  await expect(a.getByTestId("comment-line")).toHaveValue("3");
  await a.keyboard.press("Tab");
  await expect(a.getByTestId("comment-send")).toBeFocused();
  await a.keyboard.press("Enter");
  await expect(a.getByTestId("review-comment")).toHaveCount(1);
  await expect(a.getByTestId("turn-badge")).toHaveText(`Waiting for ${learnerName}`);

  // The learner: a notification, the comment rendered safely, their turn.
  await learner.reload();
  await expect(learner.getByTestId("unread-count")).toHaveText(/[1-9]/);
  const comment = learner.getByTestId("review-comment").first();
  await expect(comment).toContainText("line 3");
  await expect(comment.locator("strong")).toHaveText("f-strings");
  await expect(comment.locator("img, script")).toHaveCount(0);
  expect(await learner.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await expect(learner.getByTestId("turn-badge")).toHaveAttribute("data-turn", "learner");
  await expect(learner.getByTestId("turn-badge")).toHaveText("Your turn");
  // The reply is sent with Ctrl+Enter; the badge turns to A at once.
  await learner.getByTestId("comment-body").focus();
  await learner.keyboard.type("Thanks! Should I also strip inner spaces?");
  await learner.keyboard.press("Control+Enter");
  await expect(learner.getByTestId("review-comment")).toHaveCount(2);
  await expect(learner.getByTestId("turn-badge")).toHaveAttribute("data-turn", "reviewer");
  await expect(learner.getByTestId("turn-badge")).toHaveText(`Waiting for ${aName}`);
  await learner.screenshot({ path: `${shots}/reviews-discussion.png`, fullPage: true });

  // A sees their turn, answers and finishes.
  await a.reload();
  await expect(a.getByTestId("turn-badge")).toHaveText("Your turn");
  await a.getByTestId("comment-body").fill("Not needed for this exercise. Well done!");
  await a.getByTestId("comment-send").click();
  await expect(a.getByTestId("review-comment")).toHaveCount(3);
  await a.getByTestId("finish-review").click();
  await expect(a.getByTestId("review-status")).toHaveText("Finished");

  // The learner rates.
  await learner.goto("/notifications");
  await expect(learner.locator('[data-testid="notification"][data-kind="review_finished"]')).toBeVisible();
  await learner.screenshot({ path: `${shots}/reviews-notifications.png`, fullPage: true });
  await learner.getByTestId("mark-read").click();
  await expect(learner.getByTestId("unread-count")).toHaveCount(0);
  await learner.goto(reviewUrl);
  await learner.getByTestId("rating-problematic").check();
  await expect(learner.getByText("Block this reviewer")).toBeVisible();
  await learner.getByTestId("rating-good").check();
  await learner.getByTestId("rate-submit").click();
  await expect(learner.getByTestId("review-rating")).toHaveText("Rated: good");
  await learner.screenshot({ path: `${shots}/reviews-rated.png`, fullPage: true });
});

test("below the threshold, the page says what is missing", async ({ browser, request }) => {
  const adult = await signedIn(browser, await signUp(request, "newbie", "16-plus"));
  await adult.goto("/reviews/become");
  const firstLevel = listAgeGroups().find((g) => g.id === "16-plus")?.levels[0];
  await expect(adult.getByTestId("reviewer-missing")).toContainText(
    `Pass ${firstLevel?.exercises.length} more exercises to finish "${firstLevel?.title}"`,
  );
  await expect(adult.getByTestId("become-reviewer")).toHaveCount(0);
  await adult.screenshot({ path: `${shots}/reviews-become-missing.png`, fullPage: true });
  const teen = await signedIn(browser, await signUp(request, "teen", "12-15"));
  await teen.goto("/reviews/become");
  await expect(teen.getByTestId("reviewer-missing")).toContainText("16+ group; yours is 12-15");
  const refused = await teen.request.post("/api/reviewers", {
    data: { levels: ["12-15/puzzles-and-logic"], acceptCode: true },
  });
  expect(refused.status()).toBe(403);
});
