// In-flight slots: runs may take every slot, gradings at most their share, so gradings cannot starve runs.
import type { BusyPool, RunnerCapacity } from "./contract";

export type Work = "run" | "grading";

export class Capacity {
  private runs = 0;
  private gradings = 0;

  constructor(
    readonly slots: number,
    readonly gradingSlots: number,
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error("capacity needs at least one slot");
    if (!Number.isInteger(gradingSlots) || gradingSlots < 1 || gradingSlots > slots) {
      throw new Error(`grading slots must be between 1 and ${slots}`);
    }
  }

  /** A slot for this work and the function that gives it back, or the pool that is full. */
  take(work: Work): { release: () => void } | { full: BusyPool } {
    if (this.runs + this.gradings >= this.slots) return { full: "runner" };
    if (work === "grading" && this.gradings >= this.gradingSlots) return { full: "gradings" };
    if (work === "run") this.runs++;
    else this.gradings++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        if (work === "run") this.runs--;
        else this.gradings--;
      },
    };
  }

  snapshot(): RunnerCapacity {
    return {
      slots: this.slots,
      gradingSlots: this.gradingSlots,
      inFlight: { runs: this.runs, gradings: this.gradings },
    };
  }
}
