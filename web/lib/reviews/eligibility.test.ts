import { describe, expect, it } from "vitest";
import type { AgeGroup } from "@/lib/curriculum/load";
import { describeWait, reviewerEligibility, reviewSlots } from "./eligibility";

const exercises = (group: string, level: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `${group}/${level}/e${i}`,
    slug: `e${i}`,
    title: `E${i}`,
    summary: "",
    order: i,
    minutes: 10,
  }));
const group = (id: string, levels: string[]): AgeGroup => ({
  id,
  title: id,
  ages: id,
  description: "",
  levels: levels.map((l, i) => ({
    id: l,
    title: `${l} title`,
    description: "",
    order: i,
    concepts: ["a concept"],
    unlock: i > 0 ? { after: levels[i - 1] as string, passed: "all" as const } : null,
    exercises: exercises(id, l, 3),
  })),
});
const groups = [group("8-11", ["a", "b"]), group("12-15", ["c", "d"]), group("16-plus", ["p", "q"])];

describe("reviewer eligibility", () => {
  it("says what is missing below the threshold", () => {
    const some = new Set(["16-plus/p/e0"]);
    const result = reviewerEligibility("16-plus", some, groups);
    expect(result.eligible).toBe(false);
    expect(result.missing).toEqual(['Pass 2 more exercises to finish "p title" (1 of 3 done).']);
    const teen = reviewerEligibility("12-15", new Set(["12-15/c/e0", "12-15/c/e1", "12-15/c/e2"]), groups);
    expect(teen.eligible).toBe(false);
    expect(teen.missing[0]).toMatch(/16\+ group; yours is 12-15/);
    expect(teen.levels.some((l) => l.eligible)).toBe(false);
  });

  it("a finished level opens it, and younger groups' levels up to its position", () => {
    const done = new Set(["16-plus/p/e0", "16-plus/p/e1", "16-plus/p/e2"]);
    const result = reviewerEligibility("16-plus", done, groups);
    expect(result.eligible).toBe(true);
    expect(result.levels.filter((l) => l.eligible).map((l) => l.id)).toEqual(["8-11/a", "12-15/c", "16-plus/p"]);
  });
});

describe("review slots and waits", () => {
  it("unlocks a slot per 3 passed exercises, up to 4", () => {
    expect(reviewSlots(0)).toEqual({ total: 1, toNext: 3 });
    expect(reviewSlots(4)).toEqual({ total: 2, toNext: 2 });
    expect(reviewSlots(30)).toEqual({ total: 4, toNext: null });
  });
  it("rounds waits honestly", () => {
    expect(describeWait(null)).toBeNull();
    expect(describeWait(90_000)).toBe("about 2 minutes");
    expect(describeWait(3 * 3_600_000)).toBe("about 3 hours");
    expect(describeWait(5 * 86_400_000)).toBe("about 5 days");
  });
});
