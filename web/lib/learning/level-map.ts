export type ExerciseState = "done" | "current" | "locked";

interface LevelLike {
  id: string;
  exercises: Array<{ id: string }>;
}

/**
 * Done exercises are done; the first level with anything left is the current one and all of its
 * open exercises are available; every later level stays locked until that one is finished.
 * Without progress (database unavailable) nothing is locked: content never depends on the database.
 */
export function exerciseStates(levels: LevelLike[], completed: ReadonlySet<string> | null): Map<string, ExerciseState> {
  const states = new Map<string, ExerciseState>();
  let unlocked = true;
  for (const level of levels) {
    for (const exercise of level.exercises) {
      if (completed === null) states.set(exercise.id, "current");
      else if (completed.has(exercise.id)) states.set(exercise.id, "done");
      else states.set(exercise.id, unlocked ? "current" : "locked");
    }
    if (completed !== null && level.exercises.some((e) => !completed.has(e.id))) unlocked = false;
  }
  return states;
}

export function levelState(level: LevelLike, states: Map<string, ExerciseState>): ExerciseState {
  const mine = level.exercises.map((e) => states.get(e.id));
  if (mine.length > 0 && mine.every((s) => s === "done")) return "done";
  return mine.some((s) => s === "current") ? "current" : "locked";
}
