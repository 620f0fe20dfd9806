import { describe, expect, it } from "vitest";
import { Capacity } from "./capacity";
import { defaultGradingSlots } from "./contract";

function take(capacity: Capacity, work: "run" | "grading") {
  const slot = capacity.take(work);
  if ("full" in slot) throw new Error(`no slot: ${slot.full} is full`);
  return slot;
}

describe("Capacity", () => {
  it("gives gradings at most their share and runs every remaining slot", () => {
    const capacity = new Capacity(4, 2);
    take(capacity, "grading");
    take(capacity, "grading");
    expect(capacity.take("grading")).toEqual({ full: "gradings" });
    take(capacity, "run");
    take(capacity, "run");
    expect(capacity.take("run")).toEqual({ full: "runner" });
    expect(capacity.take("grading")).toEqual({ full: "runner" });
    expect(capacity.snapshot()).toEqual({
      slots: 4,
      gradingSlots: 2,
      inFlight: { runs: 2, gradings: 2, terminals: 0 },
    });
  });

  it("lets runs take every slot, and gives each slot back once", () => {
    const capacity = new Capacity(2, 1);
    const first = take(capacity, "run");
    take(capacity, "run");
    expect(capacity.take("grading")).toEqual({ full: "runner" });
    first.release();
    first.release();
    expect(capacity.snapshot().inFlight).toEqual({ runs: 1, gradings: 0, terminals: 0 });
    take(capacity, "grading");
    expect(capacity.take("run")).toEqual({ full: "runner" });
  });

  it("refuses a share larger than the slots", () => {
    expect(() => new Capacity(2, 3)).toThrow("grading slots must be between 1 and 2");
    expect(() => new Capacity(0, 1)).toThrow("at least one slot");
  });

  it("gives gradings half the slots by default, at least one", () => {
    expect([1, 2, 3, 4, 5, 8].map(defaultGradingSlots)).toEqual([1, 1, 1, 2, 2, 4]);
  });

  it("lets every few open terminals hold one slot, never the last, and runs the rest", () => {
    const capacity = new Capacity(3, 1, 2);
    const terminals = Array.from({ length: 4 }, () => capacity.takeTerminal());
    expect(terminals.every((t) => t !== undefined)).toBe(true);
    // 4 terminals at 2 a slot hold 2 of the 3 slots: the last one is for runs, and a fifth terminal is refused.
    expect(capacity.snapshot().inFlight).toEqual({ runs: 0, gradings: 0, terminals: 2 });
    expect(capacity.takeTerminal()).toBeUndefined();
    const run = take(capacity, "run");
    expect(capacity.take("run")).toEqual({ full: "runner" });
    run.release();
    // One terminal gone: the one left with it still holds their slot; three gone, one slot is held (half used).
    terminals[0]?.release();
    terminals[0]?.release();
    expect(capacity.snapshot().inFlight.terminals).toBe(2);
    terminals[1]?.release();
    terminals[2]?.release();
    expect(capacity.snapshot().inFlight.terminals).toBe(1);
    take(capacity, "run");
    take(capacity, "grading");
    // Every slot in flight: a terminal that needs a new slot waits for one, one that fits in a held slot opens.
    expect(capacity.take("run")).toEqual({ full: "runner" });
    expect(capacity.takeTerminal()).toBeDefined();
    expect(capacity.takeTerminal()).toBeUndefined();
  });
});
