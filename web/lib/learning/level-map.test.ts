import { describe, expect, it } from "vitest";
import { exerciseStates, levelState } from "./level-map";

const levels = [
  { id: "one", exercises: [{ id: "a" }, { id: "b" }, { id: "c" }] },
  { id: "two", exercises: [{ id: "d" }, { id: "e" }, { id: "f" }] },
];

describe("exerciseStates", () => {
  it("opens the first level and locks the next for a new learner", () => {
    const states = exerciseStates(levels, new Set());
    expect([...states.values()]).toEqual(["current", "current", "current", "locked", "locked", "locked"]);
    expect(levelState(levels[1] as (typeof levels)[number], states)).toBe("locked");
  });

  it("marks done exercises and keeps the next level locked until the level is finished", () => {
    const states = exerciseStates(levels, new Set(["a", "b"]));
    expect(states.get("a")).toBe("done");
    expect(states.get("c")).toBe("current");
    expect(states.get("d")).toBe("locked");
  });

  it("finishing a level unlocks the next", () => {
    const states = exerciseStates(levels, new Set(["a", "b", "c"]));
    expect(levelState(levels[0] as (typeof levels)[number], states)).toBe("done");
    expect(states.get("d")).toBe("current");
    expect(levelState(levels[1] as (typeof levels)[number], states)).toBe("current");
  });

  it("opens the first level of each language's track", () => {
    const tracks = [...levels, { id: "js-one", language: "javascript", exercises: [{ id: "j" }] }];
    tracks.push({ id: "js-two", language: "javascript", exercises: [{ id: "k" }] });
    const states = exerciseStates(tracks, new Set());
    expect([states.get("a"), states.get("d"), states.get("j"), states.get("k")]).toEqual([
      "current",
      "locked",
      "current",
      "locked",
    ]);
    expect(exerciseStates(tracks, new Set(["j"])).get("k")).toBe("current");
  });

  it("locks nothing when progress is unavailable", () => {
    const states = exerciseStates(levels, null);
    expect([...states.values()].every((s) => s === "current")).toBe(true);
  });
});
