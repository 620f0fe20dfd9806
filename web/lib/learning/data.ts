import "server-only";
import {
  getDraft,
  listProgress,
  listRecentSubmissions,
  listTouchedExercises,
  type Submission,
} from "@codeyard/drizzle";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum, publicExercise } from "@/lib/curriculum/load";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";
import {
  continueExercise,
  type ExerciseState,
  exerciseStates,
  levelLocks,
  levelState,
  lockMessage,
  nextExercise,
} from "./level-map";

/** Exercises the viewer has passed; null when the database cannot say (content is served regardless). */
export async function completedExercises(viewer: Viewer | null): Promise<Set<string> | null> {
  if (!viewer) return new Set();
  try {
    return new Set((await listProgress(await getDb(), viewer.id)).map((p) => p.exerciseId));
  } catch (error) {
    logger.warn({ err: error }, "progress unavailable");
    return null;
  }
}

export function listAgeGroups() {
  return loadCurriculum().groups.map(({ id, title, ages, description }) => ({ id, title, ages, description }));
}

/** The exercises the viewer worked on, most recent first; empty when unknown (a "continue" link then starts at the top). */
async function touchedExercises(viewer: Viewer | null): Promise<string[]> {
  if (!viewer) return [];
  try {
    return await listTouchedExercises(await getDb(), viewer.id);
  } catch (error) {
    logger.warn({ err: error }, "recent activity unavailable");
    return [];
  }
}

/**
 * The level map of one age group: each level with its progress, done/current/locked states and, when locked,
 * what opens it; and where to continue. Undefined for an unknown group.
 */
export async function getLevelMap(ageGroupId: string, viewer: Viewer | null) {
  const group = loadCurriculum().groups.find((g) => g.id === ageGroupId);
  if (!group) return undefined;
  const [completed, touched] = await Promise.all([completedExercises(viewer), touchedExercises(viewer)]);
  const states = exerciseStates(group.levels, completed);
  const locks = levelLocks(group.levels, completed);
  const levels = group.levels.map((level) => {
    const lock = locks.get(level.id);
    return {
      id: level.id,
      title: level.title,
      description: level.description,
      state: levelState(level, states),
      done: level.exercises.filter((e) => states.get(e.id) === "done").length,
      total: level.exercises.length,
      /** What opens this level, while it is locked. */
      lock: lock ?? null,
      unlockHint: lock ? lockMessage(lock) : null,
      exercises: level.exercises.map((e) => ({
        ...e,
        href: `/learn/${group.id}/${level.id}/${e.slug}`,
        state: states.get(e.id) as ExerciseState,
      })),
    };
  });
  const continueId = continueExercise(group.levels, states, touched)?.id;
  const continueLevel = levels.find((l) => l.exercises.some((e) => e.id === continueId));
  const continueAt = continueLevel?.exercises.find((e) => e.id === continueId);
  return {
    group: { id: group.id, title: group.title, ages: group.ages, description: group.description },
    progressAvailable: completed !== null,
    /** "Continue where you left off": undefined when nothing open is left; `resumed` once the learner has begun. */
    continueAt: continueAt && {
      ...continueAt,
      levelTitle: continueLevel?.title ?? "",
      levelNumber: levels.indexOf(continueLevel as (typeof levels)[number]) + 1,
      resumed: touched.length > 0,
    },
    levels,
  };
}

/** Everything a lesson page shows. Never includes hidden tests or the reference solution. */
export async function getLesson(exerciseId: string, viewer: Viewer | null) {
  const exercise = getExercise(exerciseId);
  if (!exercise) return undefined;
  const map = await getLevelMap(exercise.groupId, viewer);
  const state = map?.levels.flatMap((l) => l.exercises).find((e) => e.id === exerciseId)?.state ?? "current";
  let draft: string | null = null;
  let draftAvailable = true;
  if (viewer) {
    try {
      draft = (await getDraft(await getDb(), viewer.id, exerciseId))?.code ?? null;
    } catch (error) {
      logger.warn({ err: error }, "draft unavailable");
      draftAvailable = false;
    }
  }
  const levels = map?.levels ?? [];
  const all = levels.flatMap((l) => l.exercises);
  const index = all.findIndex((e) => e.id === exerciseId);
  const states = new Map(all.map((e) => [e.id, e.state]));
  const level = levels.find((l) => l.id === exercise.levelId);
  // Where "Next exercise" goes after a pass: the next open one by the unlock rules, even in a later level; while
  // none is open, the next in order (locked), with what opens it.
  const following = index >= 0 && index < all.length - 1 ? all[index + 1] : undefined;
  const open = nextExercise(levels, states, exerciseId);
  const locked = all.slice(index + 1).find((e) => e.state === "locked");
  const lockedLevel = levels.find((l) => l.exercises.some((e) => e.id === locked?.id));
  // A next exercise in another level that is new to the learner: the celebration says it opened.
  const openedLevel = (id: string) => {
    const other = levels.find((l) => l.id !== exercise.levelId && l.exercises.some((e) => e.id === id));
    return other && other.done === 0 ? other.title : null;
  };
  return {
    exercise: publicExercise(exercise),
    state,
    /** Why this exercise is locked, when it is. */
    unlockHint: state === "locked" ? (level?.unlockHint ?? null) : null,
    draft,
    progressAvailable: (map?.progressAvailable ?? false) && draftAvailable,
    previous: index > 0 ? all[index - 1] : undefined,
    next: following,
    nextStep: open
      ? { href: open.href, title: open.title, locked: false, hint: null, opens: openedLevel(open.id) }
      : locked
        ? {
            href: locked.href,
            title: locked.title,
            locked: true,
            hint: lockedLevel?.lock ? lockMessage(lockedLevel.lock, `“${lockedLevel.title}”`) : null,
          }
        : null,
  };
}

export interface SubmissionSummary {
  id: string;
  exerciseId: string;
  exerciseTitle: string;
  status: Submission["status"];
  passed: number;
  total: number;
  createdAt: string;
}

function summarizeSubmission(s: Submission): SubmissionSummary {
  const tests = s.result?.tests ?? [];
  return {
    id: s.id,
    exerciseId: s.exerciseId,
    exerciseTitle: getExercise(s.exerciseId)?.title ?? s.exerciseId,
    status: s.status,
    passed: tests.filter((t) => t.status === "pass").length,
    total: tests.length,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Progress per level of the viewer's age group, where to continue, and their latest answers. */
export async function getDashboard(viewer: Viewer) {
  const map = viewer.ageGroup ? await getLevelMap(viewer.ageGroup, viewer) : undefined;
  let recent: SubmissionSummary[] | null = null;
  try {
    recent = (await listRecentSubmissions(await getDb(), viewer.id, 10)).map(summarizeSubmission);
  } catch (error) {
    logger.warn({ err: error }, "recent submissions unavailable");
    recent = null;
  }
  return { map, levels: map?.levels ?? [], recent };
}
