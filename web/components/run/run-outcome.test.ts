import { describe, expect, it } from "vitest";
import { runOutcome } from "./run-outcome";
import { buildTranscript, toPlainText } from "./transcript";
import type { FinishedExecution } from "./use-execution";

function finished(overrides: Partial<FinishedExecution>): FinishedExecution {
  return {
    id: "00000000-0000-4000-8000-000000000000",
    status: "ok",
    stdout: "",
    stderr: "",
    exitCode: 0,
    signal: null,
    wallMs: 40,
    truncated: false,
    cpuMs: 20,
    memoryKib: 9000,
    images: [],
    error: null,
    createdAt: "2026-12-03T06:00:00.000Z",
    startedAt: "2026-12-03T06:00:00.000Z",
    finishedAt: "2026-12-03T06:00:01.000Z",
    ...overrides,
  };
}

const transcript = (execution: FinishedExecution, ranWithStdin = false) =>
  toPlainText(buildTranscript({ phase: "finished", execution }, ranWithStdin));

const eof = 'Traceback (most recent call last):\n  File "main.py", line 1\nEOFError: EOF when reading a line\n';

describe("what a finished run says to a child", () => {
  it("calls a program that waited for input a missing input, not an error", () => {
    const execution = finished({ status: "runtime_error", exitCode: 1, stderr: eof });
    expect(runOutcome(execution)).toBe("needs-input");
    expect(transcript(execution)).toContain("Your program waited for input. Open “Input (stdin)”");
    expect(transcript(execution)).not.toMatch(/✗|Exited with code/);
    expect(transcript(execution, true)).toContain("waited for more input than you typed");
  });

  it("calls too much output too much output, whether the run stopped or finished cut off", () => {
    expect(runOutcome(finished({ status: "output_limit", stdout: "x\n".repeat(100) }))).toBe("too-much-output");
    expect(runOutcome(finished({ status: "ok", truncated: true, stdout: "x\n" }))).toBe("too-much-output");
    expect(transcript(finished({ status: "output_limit", stdout: "x\n" }))).not.toContain("✗");
  });

  it("keeps a real crash an error", () => {
    const execution = finished({ status: "runtime_error", exitCode: 1, stderr: "ZeroDivisionError: division by zero" });
    expect(runOutcome(execution)).toBe("crashed");
    expect(transcript(execution)).toContain("✗ Exited with code 1");
  });

  it("does not say a plot run printed nothing", () => {
    const plot = finished({ images: [{ mediaType: "image/png", data: "iVBORw0KGgo=" }] });
    expect(transcript(plot)).not.toContain("without printing anything");
    expect(transcript(finished({}))).toContain("Your program finished without printing anything.");
  });

  it("says a used-up quota once, in the alert, not again in the output", () => {
    const message = "You have used your runs for this minute. Try again in 40 seconds.";
    const text = toPlainText(
      buildTranscript({ phase: "failed", message, refusal: { limit: "quota", until: Date.now() + 40_000 } }, false),
    );
    expect(text).not.toContain(message);
    const lost = toPlainText(buildTranscript({ phase: "failed", message: "Connection lost.", refusal: null }, false));
    expect(lost).toContain("Connection lost.");
  });
});
