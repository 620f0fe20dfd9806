import { describe, expect, it } from "vitest";
import {
  continueExercise,
  exerciseStates,
  type LevelLike,
  levelLocks,
  levelState,
  lockMessage,
  nextExercise,
} from "./level-map";

// The default rules, as the loader resolves them: each level after the one before it, all of it.
const levels: LevelLike[] = [
  { id: "one", title: "One", unlock: null, exercises: [{ id: "a" }, { id: "b" }, { id: "c" }] },
  { id: "two", title: "Two", unlock: { after: "one", passed: "all" }, exercises: [{ id: "d" }, { id: "e" }] },
  { id: "three", title: "Three", unlock: { after: "two", passed: "all" }, exercises: [{ id: "f" }, { id: "g" }] },
];
const level = (id: string, within = levels) => within.find((l) => l.id === id) as LevelLike;

describe("exerciseStates with the default rules", () => {
  it("opens the first level and locks the rest for a new learner", () => {
    const states = exerciseStates(levels, new Set());
    expect([...states.values()]).toEqual(["current", "current", "current", "locked", "locked", "locked", "locked"]);
    expect(levelState(level("two"), states)).toBe("locked");
  });

  it("marks done exercises and keeps the next level locked until the level is finished", () => {
    const states = exerciseStates(levels, new Set(["a", "b"]));
    expect(states.get("a")).toBe("done");
    expect(states.get("c")).toBe("current");
    expect(states.get("d")).toBe("locked");
  });

  it("finishing a level unlocks the next one only", () => {
    const states = exerciseStates(levels, new Set(["a", "b", "c"]));
    expect(levelState(level("one"), states)).toBe("done");
    expect(levelState(level("two"), states)).toBe("current");
    expect(levelState(level("three"), states)).toBe("locked");
  });

  it("locks nothing when progress is unavailable", () => {
    const states = exerciseStates(levels, null);
    expect([...states.values()].every((s) => s === "current")).toBe(true);
  });
});

describe("authored unlock rules", () => {
  // Two opens after 2 of One; Three after all of One (skipping Two).
  const custom: LevelLike[] = [
    level("one"),
    { ...level("two"), unlock: { after: "one", passed: 2 } },
    { ...level("three"), unlock: { after: "one", passed: "all" } },
  ];

  it("opens a level once the count of its rule is passed, while the level before it is still open", () => {
    expect(exerciseStates(custom, new Set(["a"])).get("d")).toBe("locked");
    const states = exerciseStates(custom, new Set(["a", "c"]));
    expect(states.get("b")).toBe("current");
    expect(states.get("d")).toBe("current");
    expect(states.get("f")).toBe("locked");
    expect(exerciseStates(custom, new Set(["a", "b", "c"])).get("f")).toBe("current");
  });

  it("says what opens a locked level, with the learner's count", () => {
    const locks = levelLocks(custom, new Set(["a"]));
    expect(locks.get("one")).toBeNull();
    expect(locks.get("two")).toEqual({ after: "one", afterTitle: "One", needed: 2, total: 3, passed: 1 });
    expect(lockMessage(locks.get("two") as NonNullable<ReturnType<typeof locks.get>>)).toBe(
      "Pass 2 of 3 in “One” to open this (you have passed 1).",
    );
    const fresh = levelLocks(custom, new Set()).get("three");
    expect(fresh && lockMessage(fresh)).toBe("Pass all 3 in “One” to open this.");
  });

  it("keeps a level locked while the level its rule names is locked itself", () => {
    const chained: LevelLike[] = [
      level("one"),
      level("two"),
      { ...level("three"), unlock: { after: "two", passed: 1 } },
    ];
    // Passed d (say, before a content change) but Two is still locked: Three stays locked, d stays done.
    const states = exerciseStates(chained, new Set(["a", "d"]));
    expect(states.get("d")).toBe("done");
    expect(states.get("f")).toBe("locked");
    expect(levelLocks(chained, new Set(["a", "d"])).get("three")).toMatchObject({ after: "two", passed: 1 });
  });
});

describe("nextExercise", () => {
  it("goes to the next open exercise, crossing into the next level once it opens", () => {
    expect(nextExercise(levels, exerciseStates(levels, new Set(["a"])), "a")?.id).toBe("b");
    expect(nextExercise(levels, exerciseStates(levels, new Set(["a", "b", "c"])), "c")?.id).toBe("d");
  });

  it("comes back to a skipped exercise, and has none when nothing open is left", () => {
    expect(nextExercise(levels, exerciseStates(levels, new Set(["b", "c"])), "c")?.id).toBe("a");
    const all = new Set(["a", "b", "c", "d", "e", "f", "g"]);
    expect(nextExercise(levels, exerciseStates(levels, all), "g")).toBeUndefined();
  });
});

describe("continueExercise", () => {
  it("starts a new learner at the first exercise", () => {
    expect(continueExercise(levels, exerciseStates(levels, new Set()), [])?.id).toBe("a");
  });

  it("picks the first unpassed exercise of the level touched last", () => {
    const custom: LevelLike[] = [level("one"), { ...level("two"), unlock: { after: "one", passed: 1 } }];
    const states = exerciseStates(custom, new Set(["a", "e"]));
    // Worked in Two last (e), though One still has b and c open.
    expect(continueExercise(custom, states, ["e", "b"])?.id).toBe("d");
    expect(continueExercise(custom, states, ["b", "e"])?.id).toBe("b");
  });

  it("moves on to the next level when the level touched last is finished", () => {
    const states = exerciseStates(levels, new Set(["a", "b", "c"]));
    expect(continueExercise(levels, states, ["c", "a"])?.id).toBe("d");
  });
});
