import "server-only";
import {
  addReviewComment,
  addReviewIteration,
  becomeReviewer,
  cancelReview,
  claimReview,
  finishReview,
  getGuardianStatus,
  listProgress,
  listRecentSubmissions,
  markNotificationsRead,
  type ReviewRating,
  rateReview,
  reportReview,
  requestReview,
} from "@codeyard/drizzle";
import { reviewClaimed } from "@codeyard/inngest";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { Refusal } from "@/lib/server/http";
import { getDb, getDispatcher } from "@/lib/server/services";
import { reviewerEligibility, reviewSlots } from "./eligibility";
import { askGuardian } from "./guardian";
import { refusing } from "./refuse";

async function passed(viewerId: string) {
  return new Set((await listProgress(await getDb(), viewerId)).map((p) => p.exerciseId));
}

export async function becomeReviewerAs(viewer: Viewer, input: { levels: string[]; acceptCode: boolean }) {
  const completed = await passed(viewer.id);
  const { levels } = reviewerEligibility(viewer.ageGroup, completed, loadCurriculum().groups);
  const eligibleLevels = levels.filter((l) => l.eligible).map((l) => l.id);
  return refusing(async () => becomeReviewer(await getDb(), { userId: viewer.id, ...input, eligibleLevels }));
}

/** Where an exercise sits: its level id as requests store it, and the level's position in its group. */
export function levelOf(exerciseId: string) {
  const exercise = getExercise(exerciseId);
  if (!exercise) return undefined;
  const group = loadCurriculum().groups.find((g) => g.id === exercise.groupId);
  const position = (group?.levels.findIndex((l) => l.id === exercise.levelId) ?? -1) + 1;
  return { exercise, levelId: `${exercise.groupId}/${exercise.levelId}`, position: Math.max(1, position) };
}

/** The learner's latest graded submission of an exercise, the one a request or iteration freezes. */
async function latestGraded(viewerId: string, exerciseId: string) {
  const recent = await listRecentSubmissions(await getDb(), viewerId, 50);
  const sub = recent.find((s) => s.exerciseId === exerciseId && s.status !== "queued" && s.status !== "running");
  if (!sub) throw new Refusal(409, "Submit an answer to this exercise first, then ask for a review.");
  return sub;
}

export async function requestReviewAs(
  viewer: Viewer,
  input: { exerciseId: string; question: string; guardianEmail?: string },
  origin: string,
) {
  const where = levelOf(input.exerciseId);
  if (!where) throw new Refusal(404, "No such exercise.");
  const db = await getDb();
  if (viewer.ageGroup === "8-11" && (await getGuardianStatus(db, viewer.id)) === "none") {
    if (!input.guardianEmail) throw new Refusal(400, "Please give a grown-up's email address first.");
    await askGuardian(db, { learnerId: viewer.id, email: input.guardianEmail, origin });
  }
  const submission = await latestGraded(viewer.id, input.exerciseId);
  const slots = reviewSlots((await passed(viewer.id)).size).total;
  return refusing(() =>
    requestReview(db, {
      learnerId: viewer.id,
      exerciseId: input.exerciseId,
      levelId: where.levelId,
      levelPosition: where.position,
      question: input.question,
      submissionId: submission.id,
      slots,
    }),
  );
}

export async function addIterationAs(viewer: Viewer, requestId: string, exerciseId: string) {
  const submission = await latestGraded(viewer.id, exerciseId);
  return refusing(async () =>
    addReviewIteration(await getDb(), { learnerId: viewer.id, requestId, submissionId: submission.id }),
  );
}

/** Claims for 30 minutes; the expiry is durable work for Inngest, not a timer in this process. */
export async function claimAs(viewer: Viewer, requestId: string) {
  const claim = await refusing(async () => claimReview(await getDb(), viewer.id, requestId));
  await getDispatcher().send(
    reviewClaimed.create({ requestId, claimId: claim.claimId, expiresAt: claim.claimExpiresAt.toISOString() }),
  );
  return claim;
}

export const reviewActions = {
  cancel: (viewer: Viewer, id: string) => refusing(async () => cancelReview(await getDb(), viewer.id, id)),
  comment: (viewer: Viewer, id: string, input: { body: string; line?: number | null }) =>
    refusing(async () => addReviewComment(await getDb(), { authorId: viewer.id, requestId: id, ...input })),
  finish: (viewer: Viewer, id: string) => refusing(async () => finishReview(await getDb(), viewer.id, id)),
  rate: (viewer: Viewer, id: string, input: { rating: ReviewRating; block?: boolean; report?: string }) =>
    refusing(async () => rateReview(await getDb(), { learnerId: viewer.id, requestId: id, ...input })),
  report: (viewer: Viewer, id: string, input: { commentId?: string | null; reason: string }) =>
    refusing(async () => reportReview(await getDb(), { reporterId: viewer.id, requestId: id, ...input })),
  readNotifications: async (viewer: Viewer) => markNotificationsRead(await getDb(), viewer.id),
};
