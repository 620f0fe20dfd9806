// In-flight slots: runs may take every slot, gradings at most their share, so gradings cannot starve runs.
// Open terminals share the slots too: every `terminalsPerSlot` of them hold one slot (a shell mostly waits for
// typing, but what it starts uses the same CPU as a run), and they never hold the last slot (of two or more),
// so runs go on.
import type { BusyPool, RunnerCapacity } from "./contract";

export type Work = "run" | "grading";

/** Open terminals that share one slot by default (RUNNER_TERMINALS_PER_SLOT). */
export const defaultTerminalsPerSlot = 4;

export class Capacity {
  private runs = 0;
  private gradings = 0;
  private terminals = 0;

  constructor(
    readonly slots: number,
    readonly gradingSlots: number,
    readonly terminalsPerSlot = defaultTerminalsPerSlot,
  ) {
    if (!Number.isInteger(slots) || slots < 1) throw new Error("capacity needs at least one slot");
    if (!Number.isInteger(gradingSlots) || gradingSlots < 1 || gradingSlots > slots) {
      throw new Error(`grading slots must be between 1 and ${slots}`);
    }
    if (!Number.isInteger(terminalsPerSlot) || terminalsPerSlot < 1) {
      throw new Error("terminals per slot must be a whole number of at least 1");
    }
  }

  /** Slots the open terminals hold: one per `terminalsPerSlot` of them, rounded up. */
  private terminalSlots(terminals = this.terminals): number {
    return Math.ceil(terminals / this.terminalsPerSlot);
  }

  /** A slot for this work and the function that gives it back, or the pool that is full. */
  take(work: Work): { release: () => void } | { full: BusyPool } {
    if (this.runs + this.gradings + this.terminalSlots() >= this.slots) return { full: "runner" };
    if (work === "grading" && this.gradings >= this.gradingSlots) return { full: "gradings" };
    if (work === "run") this.runs++;
    else this.gradings++;
    return this.releaser(() => {
      if (work === "run") this.runs--;
      else this.gradings--;
    });
  }

  /**
   * A terminal's share of a slot, or undefined when it would need a slot that is in flight or the last one.
   * Terminals that fit in a slot already held cost nothing more.
   */
  takeTerminal(): { release: () => void } | undefined {
    const needed = this.terminalSlots(this.terminals + 1);
    if (needed > this.terminalSlots()) {
      const most = Math.max(1, this.slots - 1);
      if (needed > most || this.runs + this.gradings + needed > this.slots) return undefined;
    }
    this.terminals++;
    return this.releaser(() => {
      this.terminals--;
    });
  }

  private releaser(give: () => void): { release: () => void } {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        give();
      },
    };
  }

  snapshot(): RunnerCapacity {
    return {
      slots: this.slots,
      gradingSlots: this.gradingSlots,
      inFlight: { runs: this.runs, gradings: this.gradings, terminals: this.terminalSlots() },
    };
  }
}
