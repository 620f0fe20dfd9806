// How a finished run maps onto the contract's status taxonomy, and the sentence the learner sees.
import { constants } from "node:os";
import type { ResolvedLimits, RunStatus } from "./contract";

/** Why the runner itself stopped a run, if it did. */
export type KillReason = "timeout" | "cpu_limit" | "output_limit" | "cancelled" | "aborted";

export interface RunEnd {
  /** Exit code of the program's main process; null when a signal ended it or it never ran. */
  code: number | null;
  signal: number | null;
  /** The kernel OOM-killed a process of this run (the cgroup's oom_kill counter moved). */
  oomKilled: boolean;
  killReason: KillReason | null;
  /** Set when the sandbox failed rather than the program: the run answers internal_error. */
  failure: string | null;
}

const sigxcpu = constants.signals.SIGXCPU;

/**
 * memory_limit only from the kernel's OOM kill, never from a SIGKILL or exit code 137 alone; an OOM kill
 * counts even while a timeout kill was under way, unless the program still exited cleanly.
 */
export function classify(end: RunEnd): RunStatus {
  if (end.failure !== null) return "internal_error";
  if (end.oomKilled && end.code !== 0) return "memory_limit";
  if (end.killReason === "aborted") return "internal_error";
  if (end.killReason) return end.killReason;
  if (end.signal === sigxcpu) return "cpu_limit";
  return end.code === 0 ? "ok" : "runtime_error";
}

/** Exit code in the shell's convention: 128 + n for a program ended by signal n. */
export function exitCodeOf(end: RunEnd): number | null {
  if (end.code !== null) return end.code;
  return end.signal !== null ? 128 + end.signal : null;
}

export function signalName(signal: number | null): string | null {
  if (signal === null) return null;
  const entry = Object.entries(constants.signals).find(([, value]) => value === signal);
  return entry ? entry[0] : null;
}

const signalMeaning: Record<string, string> = {
  SIGSEGV: "segmentation fault",
  SIGABRT: "aborted",
  SIGFPE: "arithmetic error",
  SIGBUS: "bus error",
  SIGILL: "illegal instruction",
  SIGKILL: "killed",
  SIGTERM: "terminated",
  SIGSYS: "forbidden system call",
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** One short sentence for the learner; `failure` is already phrased for them. */
export function describe(status: RunStatus, end: RunEnd, limits: ResolvedLimits): string {
  switch (status) {
    case "ok":
      return "Finished.";
    case "runtime_error": {
      const name = signalName(end.signal);
      if (name) return `The program was killed by ${name}${signalMeaning[name] ? ` (${signalMeaning[name]})` : ""}.`;
      return `The program exited with code ${end.code}.`;
    }
    case "timeout":
      return `Stopped after ${seconds(limits.wallMs)}: the time limit.`;
    case "cpu_limit":
      return `Stopped after ${seconds(limits.cpuMs)} of CPU time: the CPU limit.`;
    case "memory_limit":
      return `Stopped: the program ran out of memory (limit ${limits.memoryMb} MiB).`;
    case "output_limit":
      return `Stopped: the program printed more than ${size(limits.outputBytes)} of output.`;
    case "cancelled":
      return "Stopped: the run was cancelled.";
    case "internal_error":
      return end.failure ?? "The run stopped because the runner shut down. Please run it again.";
  }
}
