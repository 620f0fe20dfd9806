export type ExerciseState = "done" | "current" | "locked";

interface LevelLike {
  id: string;
  exercises: Array<{ id: string }>;
  /** Each language is a track of its own: a JavaScript level waits for the JavaScript level before it only. */
  language?: string;
}

/**
 * Done exercises are done; in each language's track, the first level with anything left is the current one and
 * all of its open exercises are available; every later level of that track stays locked until that one is
 * finished. Without progress (database unavailable) nothing is locked: content never depends on the database.
 */
export function exerciseStates(levels: LevelLike[], completed: ReadonlySet<string> | null): Map<string, ExerciseState> {
  const states = new Map<string, ExerciseState>();
  const blocked = new Set<string | undefined>();
  for (const level of levels) {
    const unlocked = !blocked.has(level.language);
    for (const exercise of level.exercises) {
      if (completed === null) states.set(exercise.id, "current");
      else if (completed.has(exercise.id)) states.set(exercise.id, "done");
      else states.set(exercise.id, unlocked ? "current" : "locked");
    }
    if (completed !== null && level.exercises.some((e) => !completed.has(e.id))) blocked.add(level.language);
  }
  return states;
}

export function levelState(level: LevelLike, states: Map<string, ExerciseState>): ExerciseState {
  const mine = level.exercises.map((e) => states.get(e.id));
  if (mine.length > 0 && mine.every((s) => s === "done")) return "done";
  return mine.some((s) => s === "current") ? "current" : "locked";
}
