// The unlock rules of a group's levels, evaluated against what a learner has passed. Pure: the map, the lesson
// page, the submissions API and the "continue" and "next" links all ask these functions, so they always agree.
import type { UnlockRule } from "@/lib/curriculum/load";

export type ExerciseState = "done" | "current" | "locked";

export interface LevelLike {
  id: string;
  title: string;
  /** null: open from the start. */
  unlock: UnlockRule | null;
  exercises: Array<{ id: string }>;
}

/** Why a level is locked: pass `needed` of the `total` exercises of level `after` (the learner has `passed`). */
export interface LevelLock {
  after: string;
  afterTitle: string;
  needed: number;
  total: number;
  passed: number;
}

/**
 * Which levels are locked, and by what. A level opens when its rule's level is open and enough of it is passed;
 * rules only name earlier levels (the loader checks), so one pass in order settles every level. Without progress
 * (database unavailable) nothing is locked: content never depends on the database.
 */
export function levelLocks(levels: LevelLike[], completed: ReadonlySet<string> | null): Map<string, LevelLock | null> {
  const locks = new Map<string, LevelLock | null>();
  for (const level of levels) {
    const rule = level.unlock;
    const after = rule ? levels.find((l) => l.id === rule.after) : undefined;
    if (completed === null || !rule || !after) {
      locks.set(level.id, null);
      continue;
    }
    const total = after.exercises.length;
    const needed = rule.passed === "all" ? total : Math.min(rule.passed, total);
    const passed = after.exercises.filter((e) => completed.has(e.id)).length;
    const open = locks.get(after.id) === null && passed >= needed;
    locks.set(level.id, open ? null : { after: after.id, afterTitle: after.title, needed, total, passed });
  }
  return locks;
}

/** Done exercises are done (even in a level that is locked again after a content change); open levels' others are current. */
export function exerciseStates(levels: LevelLike[], completed: ReadonlySet<string> | null): Map<string, ExerciseState> {
  const locks = levelLocks(levels, completed);
  const states = new Map<string, ExerciseState>();
  for (const level of levels) {
    for (const exercise of level.exercises) {
      if (completed?.has(exercise.id)) states.set(exercise.id, "done");
      else states.set(exercise.id, locks.get(level.id) ? "locked" : "current");
    }
  }
  return states;
}

export function levelState(level: LevelLike, states: Map<string, ExerciseState>): ExerciseState {
  const mine = level.exercises.map((e) => states.get(e.id));
  if (mine.length > 0 && mine.every((s) => s === "done")) return "done";
  return mine.some((s) => s === "current") ? "current" : "locked";
}

/** What a learner reads on a locked level: "Pass 3 of 4 in “Loops” to open this." */
export function lockMessage(lock: LevelLock, what = "this"): string {
  const count = lock.needed === lock.total ? `all ${lock.total}` : `${lock.needed} of ${lock.total}`;
  const progress = lock.passed > 0 ? ` (you have passed ${lock.passed})` : "";
  return `Pass ${count} in “${lock.afterTitle}” to open ${what}${progress}.`;
}

/**
 * Where a learner goes after this exercise: the first open, unpassed exercise after it in course order (crossing
 * into later levels), else one they skipped before it; undefined when nothing open is left.
 */
export function nextExercise<E extends { id: string }>(
  levels: ReadonlyArray<{ exercises: readonly E[] }>,
  states: ReadonlyMap<string, ExerciseState>,
  exerciseId: string,
): E | undefined {
  const all = levels.flatMap((l) => l.exercises);
  const index = all.findIndex((e) => e.id === exerciseId);
  const open = (e: { id: string }) => e.id !== exerciseId && states.get(e.id) === "current";
  return all.slice(index + 1).find(open) ?? all.slice(0, Math.max(index, 0)).find(open);
}

/**
 * "Continue where you left off": the first unpassed open exercise of the level the learner touched last
 * (`touched`: exercise ids, most recent first); when that level is finished, the next open exercise after it;
 * with nothing touched yet, the first open exercise.
 */
export function continueExercise<E extends { id: string }>(
  levels: ReadonlyArray<{ exercises: readonly E[] }>,
  states: ReadonlyMap<string, ExerciseState>,
  touched: readonly string[],
): E | undefined {
  const all = levels.flatMap((l) => l.exercises);
  const open = (e: { id: string }) => states.get(e.id) === "current";
  const level = touched.map((id) => levels.find((l) => l.exercises.some((e) => e.id === id))).find(Boolean);
  if (!level) return all.find(open);
  const inLevel = level.exercises.find(open);
  if (inLevel) return inLevel;
  const last = level.exercises.at(-1);
  return last ? nextExercise(levels, states, last.id) : all.find(open);
}
