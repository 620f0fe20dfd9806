import { describe, expect, it } from "vitest";
import { limitDefaults, resolveLimits } from "./contract";
import { classify, describe as describeEnd, exitCodeOf, type RunEnd, signalName } from "./outcome";

const end = (fields: Partial<RunEnd>): RunEnd => ({
  code: 0,
  signal: null,
  oomKilled: false,
  killReason: null,
  failure: null,
  ...fields,
});

describe("classify", () => {
  it.each([
    ["a clean exit", {}, "ok"],
    ["a non-zero exit", { code: 1 }, "runtime_error"],
    ["SIGKILL without an OOM kill", { code: null, signal: 9 }, "runtime_error"],
    ["an OOM kill", { code: null, signal: 9, oomKilled: true }, "memory_limit"],
    [
      "an OOM kill during a timeout kill",
      { code: null, signal: 9, oomKilled: true, killReason: "timeout" },
      "memory_limit",
    ],
    ["an OOM-killed helper while the program still exited 0", { oomKilled: true }, "ok"],
    ["a timeout kill", { code: null, signal: 9, killReason: "timeout" }, "timeout"],
    ["a CPU limit kill", { code: null, signal: 9, killReason: "cpu_limit" }, "cpu_limit"],
    ["RLIMIT_CPU's SIGXCPU", { code: null, signal: 24 }, "cpu_limit"],
    ["an output kill", { code: null, signal: 9, killReason: "output_limit" }, "output_limit"],
    ["a shutdown abort", { code: null, signal: 9, killReason: "aborted" }, "internal_error"],
    ["a cancel", { code: null, signal: 9, killReason: "cancelled" }, "cancelled"],
    ["a sandbox failure", { code: null, failure: "The sandbox failed." }, "internal_error"],
  ] as const)("%s", (_name, fields, expected) => {
    expect(classify(end(fields))).toBe(expected);
  });
});

describe("exitCodeOf and signalName", () => {
  it("use the shell's 128 + n convention and name signals", () => {
    expect(exitCodeOf(end({ code: 3 }))).toBe(3);
    expect(exitCodeOf(end({ code: null, signal: 11 }))).toBe(139);
    expect(exitCodeOf(end({ code: null }))).toBeNull();
    expect(signalName(11)).toBe("SIGSEGV");
    expect(signalName(9)).toBe("SIGKILL");
    expect(signalName(null)).toBeNull();
    expect(signalName(200)).toBeNull();
  });
});

describe("describe", () => {
  const limits = resolveLimits();
  it.each([
    ["ok", {}, "Finished."],
    ["runtime_error", { code: 2 }, "The program exited with code 2."],
    ["runtime_error", { code: null, signal: 11 }, "The program was killed by SIGSEGV (segmentation fault)."],
    ["timeout", {}, "Stopped after 5.0 s: the time limit."],
    ["cpu_limit", {}, "Stopped after 5.0 s of CPU time: the CPU limit."],
    ["memory_limit", {}, `Stopped: the program ran out of memory (limit ${limitDefaults.memoryMb} MiB).`],
    ["output_limit", {}, "Stopped: the program printed more than 64 KiB of output."],
    ["internal_error", { failure: "The sandbox failed." }, "The sandbox failed."],
  ] as const)("%s: %s", (status, fields, expected) => {
    expect(describeEnd(status, end(fields), limits)).toBe(expected);
  });
});
