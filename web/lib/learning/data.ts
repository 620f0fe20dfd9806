import "server-only";
import { getDraft, listProgress, listRecentSubmissions, type Submission } from "@codeyard/drizzle";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum, publicExercise } from "@/lib/curriculum/load";
import { logger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";
import { type ExerciseState, exerciseStates, levelState } from "./level-map";

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

/** The level map of one age group with done/current/locked states, or undefined for an unknown group. */
export async function getLevelMap(ageGroupId: string, viewer: Viewer | null) {
  const group = loadCurriculum().groups.find((g) => g.id === ageGroupId);
  if (!group) return undefined;
  const completed = await completedExercises(viewer);
  const states = exerciseStates(group.levels, completed);
  return {
    group: { id: group.id, title: group.title, ages: group.ages, description: group.description },
    progressAvailable: completed !== null,
    levels: group.levels.map((level) => ({
      id: level.id,
      title: level.title,
      description: level.description,
      state: levelState(level, states),
      exercises: level.exercises.map((e) => ({ ...e, state: states.get(e.id) as ExerciseState })),
    })),
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
  const all = map?.levels.flatMap((l) => l.exercises) ?? [];
  const index = all.findIndex((e) => e.id === exerciseId);
  return {
    exercise: publicExercise(exercise),
    state,
    draft,
    progressAvailable: (map?.progressAvailable ?? false) && draftAvailable,
    previous: index > 0 ? all[index - 1] : undefined,
    next: index >= 0 && index < all.length - 1 ? all[index + 1] : undefined,
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

/** Progress per level of the viewer's age group and their latest submissions. */
export async function getDashboard(viewer: Viewer) {
  const map = viewer.ageGroup ? await getLevelMap(viewer.ageGroup, viewer) : undefined;
  let recent: SubmissionSummary[] | null = null;
  try {
    recent = (await listRecentSubmissions(await getDb(), viewer.id, 10)).map(summarizeSubmission);
  } catch (error) {
    logger.warn({ err: error }, "recent submissions unavailable");
    recent = null;
  }
  return {
    map,
    levels:
      map?.levels.map((l) => ({
        id: l.id,
        title: l.title,
        state: l.state,
        done: l.exercises.filter((e) => e.state === "done").length,
        total: l.exercises.length,
      })) ?? [],
    recent,
  };
}
