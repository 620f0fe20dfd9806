import { describe, expect, it } from "vitest";
import { classify, signalName } from "./outcome";

describe("classify", () => {
  it.each([
    ["a clean exit", [0, false, null, ""], "ok"],
    ["a non-zero exit", [1, false, null, "Traceback"], "runtime_error"],
    ["137 without OOMKilled", [137, false, null, ""], "runtime_error"],
    ["OOMKilled", [137, true, null, ""], "memory_limit"],
    ["OOMKilled during a timeout kill", [137, true, "timeout", ""], "memory_limit"],
    ["a timeout kill", [137, false, "timeout", ""], "timeout"],
    ["an output kill", [137, false, "output_limit", ""], "output_limit"],
    ["a shutdown abort", [137, false, "aborted", ""], "internal_error"],
    ["a boot failure", [125, false, null, "codeyard boot failed: bad path"], "internal_error"],
    ["a program that exits 125 itself", [125, false, null, "my own error"], "runtime_error"],
  ] as const)("%s", (_name, [exitCode, oom, kill, stderr], expected) => {
    expect(classify(exitCode, oom, kill, stderr)).toBe(expected);
  });
});

describe("signalName", () => {
  it("names signals past 128 only", () => {
    expect(signalName(139)).toBe("SIGSEGV");
    expect(signalName(137)).toBe("SIGKILL");
    expect(signalName(1)).toBeNull();
    expect(signalName(128)).toBeNull();
  });
});
