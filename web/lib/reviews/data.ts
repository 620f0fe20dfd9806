import "server-only";
import {
  countOpenRequests,
  countUnreadNotifications,
  estimateReviewWait,
  findOpenRequest,
  getDiscussion,
  getGuardianStatus,
  getReviewerProfile,
  getUsernames,
  learnerAlias,
  listMyReviewRequests,
  listMyReviews,
  listNotifications,
  listOpenReports,
  listProgress,
  listRecentSubmissions,
  listReviewers,
  listReviewQueue,
  ReviewError,
} from "@codeyard/drizzle";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { getDb } from "@/lib/server/services";
import { levelOf } from "./actions";
import { describeWait, reviewerEligibility, reviewSlots } from "./eligibility";

export const exerciseTitle = (id: string) => getExercise(id)?.title ?? id;

export async function getBecomeReviewerPage(viewer: Viewer) {
  const db = await getDb();
  const completed = new Set((await listProgress(db, viewer.id)).map((p) => p.exerciseId));
  return {
    ...reviewerEligibility(viewer.ageGroup, completed, loadCurriculum().groups),
    profile: (await getReviewerProfile(db, viewer.id)) ?? null,
  };
}

export async function getRequestPage(viewer: Viewer, exerciseId: string) {
  const where = levelOf(exerciseId);
  if (!where) return undefined;
  const db = await getDb();
  const passed = (await listProgress(db, viewer.id)).length;
  const slots = reviewSlots(passed);
  const recent = await listRecentSubmissions(db, viewer.id, 50);
  const submitted = recent.some((s) => s.exerciseId === exerciseId && s.status !== "queued" && s.status !== "running");
  const wait = await estimateReviewWait(db, where.levelId);
  return {
    exercise: where.exercise,
    open: (await findOpenRequest(db, viewer.id, exerciseId)) ?? null,
    slots: { ...slots, used: await countOpenRequests(db, viewer.id) },
    submitted,
    wait: { ...wait, text: describeWait(wait.medianMs) },
    guardian: viewer.ageGroup === "8-11" ? await getGuardianStatus(db, viewer.id) : null,
  };
}

/** The reviewer's queue, or null when the viewer is no active reviewer. */
export async function getQueuePage(viewer: Viewer, exerciseId?: string) {
  const db = await getDb();
  let items: Awaited<ReturnType<typeof listReviewQueue>>;
  try {
    items = await listReviewQueue(db, viewer.id, { exerciseId });
  } catch (error) {
    if (error instanceof ReviewError) return null;
    throw error;
  }
  const profile = await getReviewerProfile(db, viewer.id);
  const names = await getUsernames(db, [...new Set(items.map((i) => i.learnerId))]);
  const all = await listReviewQueue(db, viewer.id);
  return {
    profile,
    exercises: [...new Set(all.map((i) => i.exerciseId))].map((id) => ({ id, title: exerciseTitle(id) })),
    items: items.map((i) => ({
      id: i.id,
      exerciseId: i.exerciseId,
      exerciseTitle: exerciseTitle(i.exerciseId),
      learner: learnerAlias(i, names.get(i.learnerId) ?? ""),
      young: i.learnerAgeGroup === "8-11",
      question: i.question,
      createdAt: i.createdAt.toISOString(),
      taken: i.taken,
      mine: i.mine,
    })),
  };
}

export async function getDiscussionPage(viewer: Viewer, id: string) {
  try {
    const discussion = await getDiscussion(await getDb(), viewer.id, id);
    return { ...discussion, exercise: getExercise(discussion.request.exerciseId) };
  } catch (error) {
    if (error instanceof ReviewError) return undefined;
    throw error;
  }
}

export async function getReviewsHub(viewer: Viewer) {
  const db = await getDb();
  const [mine, reviewing, profile] = await Promise.all([
    listMyReviewRequests(db, viewer.id),
    listMyReviews(db, viewer.id),
    getReviewerProfile(db, viewer.id),
  ]);
  return { mine, reviewing, profile: profile ?? null };
}

export async function getNotifications(viewer: Viewer) {
  return listNotifications(await getDb(), viewer.id);
}

/** The bell's count; 0 when the database cannot say, so the header never fails. */
export async function unreadCount(viewer: Viewer): Promise<number> {
  try {
    return await countUnreadNotifications(await getDb(), viewer.id);
  } catch {
    return 0;
  }
}

/** The moderation page: open reports and every reviewer; undefined for anyone but an admin. */
export async function getModerationPage(viewer: Viewer) {
  if (viewer.role !== "admin") return undefined;
  const db = await getDb();
  const [reports, reviewers] = await Promise.all([listOpenReports(db, viewer.id), listReviewers(db, viewer.id)]);
  return { reports, reviewers };
}
