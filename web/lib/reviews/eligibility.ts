// Who may become a reviewer, of which levels, and how many review slots a learner has. Pure: tested alone.
import type { AgeGroup } from "@/lib/curriculum/load";

export const reviewerAgeGroup = "16-plus";

export interface LevelEligibility {
  /** `<group>/<level>`, as review requests store it. */
  id: string;
  title: string;
  groupTitle: string;
  position: number;
  done: number;
  total: number;
  eligible: boolean;
}

/**
 * A 16+ learner may review a level of their own group once they passed every exercise in it, and the levels at
 * the same position or lower of the younger groups (easier material).
 */
export function reviewerEligibility(ageGroup: string | null, completed: ReadonlySet<string>, groups: AgeGroup[]) {
  const own = groups.find((g) => g.id === ageGroup);
  const ownLevels = (own?.levels ?? []).map((level, index) => {
    const done = level.exercises.filter((e) => completed.has(e.id)).length;
    return { level, position: index + 1, done, total: level.exercises.length };
  });
  const finished = ownLevels.filter((l) => l.total > 0 && l.done === l.total);
  const reach = Math.max(0, ...finished.map((l) => l.position));
  const adult = ageGroup === reviewerAgeGroup;
  const levels: LevelEligibility[] = [];
  for (const group of groups) {
    group.levels.forEach((level, index) => {
      const done = level.exercises.filter((e) => completed.has(e.id)).length;
      const position = index + 1;
      const eligible =
        adult &&
        (group.id === own?.id
          ? done === level.exercises.length && done > 0
          : group.id !== own?.id && position <= reach);
      levels.push({
        id: `${group.id}/${level.id}`,
        title: level.title,
        groupTitle: group.title,
        position,
        done,
        total: level.exercises.length,
        eligible,
      });
    });
  }
  const missing: string[] = [];
  if (!adult) missing.push(`Reviewers are in the 16+ group; yours is ${ageGroup ?? "not chosen yet"}.`);
  if (finished.length === 0) {
    const closest = [...ownLevels].sort((a, b) => b.done / (b.total || 1) - a.done / (a.total || 1))[0];
    missing.push(
      closest
        ? `Pass ${closest.total - closest.done} more exercise${closest.total - closest.done === 1 ? "" : "s"} to finish "${closest.level.title}" (${closest.done} of ${closest.total} done).`
        : "Finish every exercise of one level.",
    );
  }
  return { eligible: missing.length === 0, missing, levels };
}

export const maxSlots = 4;
const exercisesPerSlot = 3;

/** One slot to start, one more per 3 passed exercises, at most 4; and what unlocks the next. */
export function reviewSlots(passed: number) {
  const total = Math.min(maxSlots, 1 + Math.floor(passed / exercisesPerSlot));
  const toNext = total >= maxSlots ? null : exercisesPerSlot - (passed % exercisesPerSlot);
  return { total, toNext };
}

/** "about 2 hours": an honest, rounded wait, or null when too few recent reviews say anything. */
export function describeWait(medianMs: number | null): string | null {
  if (medianMs === null) return null;
  const minutes = Math.max(1, Math.round(medianMs / 60_000));
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `about ${hours} hour${hours === 1 ? "" : "s"}`;
  return `about ${Math.round(hours / 24)} days`;
}
