import { describe, expect, it } from "vitest";
import { buildTranscript, toAnsi, toPlainText } from "./transcript";
import type { FinishedExecution, LiveView } from "./use-execution";

const live = (over: Partial<LiveView> = {}): LiveView => ({
  chunks: [],
  typing: "",
  interactive: true,
  wallMs: 120_000,
  startedAt: 0,
  whole: true,
  ended: false,
  ...over,
});

const record = (over: Partial<FinishedExecution> = {}): FinishedExecution => ({
  id: "00000000-0000-4000-8000-000000000000",
  status: "ok",
  stdout: "Name? Hi Ada\n",
  stderr: "",
  exitCode: 0,
  signal: null,
  wallMs: 1500,
  truncated: false,
  cpuMs: 20,
  memoryKib: 100,
  images: [],
  error: null,
  createdAt: new Date(0).toISOString(),
  startedAt: null,
  finishedAt: null,
  ...over,
});

const text = (...args: Parameters<typeof buildTranscript>) => toPlainText(buildTranscript(...args));

describe("transcript with a live view", () => {
  it("says it waits for a sandbox, then shows the prompt with what is typed after it and nothing below", () => {
    expect(text({ phase: "queued", execution: null }, false, live())).toBe("Waiting for a sandbox…\n");
    const asking = live({ chunks: [{ kind: "stdout", text: "Name? " }], typing: "Ad" });
    expect(text({ phase: "running", execution: null }, false, asking)).toBe("Name? Ad");
    // Typed text is drawn plain, so a Backspace can rub it out where it stands.
    expect(toAnsi(buildTranscript({ phase: "running", execution: null }, false, asking))).toBe("Name? Ad");
  });

  it("keeps the live order and the typed answer when every chunk arrived, else shows the record", () => {
    const chunks: LiveView["chunks"] = [
      { kind: "stdout", text: "Name? " },
      { kind: "input", text: "Ada\n" },
      { kind: "stderr", text: "warn\n" },
      { kind: "stdout", text: "Hi Ada\n" },
    ];
    const finished = { phase: "finished", execution: record({ stderr: "warn\n" }) } as const;
    expect(text(finished, false, live({ chunks, ended: true }))).toMatch(/^Name\? Ada\nwarn\nHi Ada\n\n✓ Finished/);
    expect(text(finished, false, live({ chunks, ended: true, whole: false }))).toMatch(/^Name\? Hi Ada\nwarn\n\n✓/);
  });

  it("explains a timeout of a run that waited minutes for input", () => {
    const waited = { phase: "finished", execution: record({ status: "timeout", wallMs: 120_000 }) } as const;
    expect(text(waited, false, null)).toContain("Your program waited 120 s for input, so it was stopped.");
  });
});
