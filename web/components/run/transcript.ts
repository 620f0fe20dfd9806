import { printedNothing, waitedForInput } from "./run-outcome";
import type { FinishedExecution, LiveView, RunState } from "./use-execution";

// What the output panel shows, as coloured pieces. One source for both the terminal (ANSI) and the
// plain-text mirror that screen readers and e2e tests read, so the two can never disagree.
export type Tone = "stdout" | "stderr" | "input" | "muted" | "info" | "success" | "danger" | "warning";
export type Segment = { text: string; tone: Tone };

const ANSI: Record<Tone, string | null> = {
  stdout: null,
  stderr: "\x1b[31m",
  // Typed input looks as in a terminal: plain, so Backspace can erase it where it was drawn.
  input: null,
  muted: "\x1b[90m",
  info: "\x1b[36m",
  success: "\x1b[1;32m",
  danger: "\x1b[1;31m",
  warning: "\x1b[33m",
};
const RESET = "\x1b[0m";

const LIMIT_MESSAGES = {
  timeout: "Your program ran longer than 5 s: is there an infinite loop?",
  memory_limit: "Your program used more than 128 MB of memory.",
  cpu_limit: "Your program used more than its share of computing time: is there an infinite loop?",
  output_limit: "Output was cut off: your program printed too much.",
  internal_error: "Something went wrong on our side running your code. Please try again.",
} as const;

export function buildTranscript(state: RunState, ranWithStdin: boolean, live: LiveView | null = null): Segment[] {
  switch (state.phase) {
    case "idle":
      return [{ text: "Press Run to see what your program prints.\n", tone: "muted" }];
    case "queued":
    case "running": {
      if (live && (state.phase === "running" || live.chunks.length > 0)) {
        // Nothing after the output: a prompt such as "Name? " keeps the cursor, and what is typed follows it.
        const typed: Segment[] = live.typing ? [{ text: live.typing, tone: "input" }] : [];
        return [...liveOutput(live), ...typed];
      }
      const execution = state.execution;
      const output = execution ? programOutput(execution.stdout, execution.stderr) : [];
      const line = state.phase === "queued" ? (state.notice ?? "Waiting for a sandbox…") : "Running…";
      return [...output, { text: `${line}\n`, tone: state.phase === "queued" ? "muted" : "info" }];
    }
    case "finished":
      return finishedTranscript(state.execution, ranWithStdin, live?.ended && live.whole ? live : null);
    case "failed":
      // A refusal (a used-up quota) is said once, in the alert above the panel.
      return state.refusal
        ? [{ text: "Not run this time.\n", tone: "muted" }]
        : [{ text: `✗ ${state.message}\n`, tone: "danger" }];
  }
}

function liveOutput(live: LiveView): Segment[] {
  return live.chunks.map((chunk) => ({ text: chunk.text, tone: chunk.kind }));
}

/** `live`, when whole, stands for the record's output: in the order printed, with what was typed. */
function finishedTranscript(execution: FinishedExecution, ranWithStdin: boolean, live: LiveView | null): Segment[] {
  const liveText = live?.chunks.map((c) => c.text).join("") ?? "";
  const output = live
    ? liveText
      ? [...liveOutput(live), ...(liveText.endsWith("\n") ? [] : [{ text: "\n", tone: "stdout" as const }])]
      : []
    : programOutput(execution.stdout, execution.stderr);
  const segments: Segment[] = output.length
    ? [...output, { text: "\n", tone: "stdout" }]
    : execution.status === "ok" && printedNothing(execution)
      ? [{ text: "Your program finished without printing anything.\n\n", tone: "muted" }]
      : [];

  const note = (text: string, tone: Tone = "warning") => segments.push({ text: `${text}\n`, tone });
  const time = execution.wallMs === null ? "" : `${Math.round(execution.wallMs)} ms`;
  const withTime = (label: string) => (time ? `${label} · ${time}` : label);

  switch (execution.status) {
    case "ok":
      if (execution.truncated) note(LIMIT_MESSAGES.output_limit);
      note(time ? `✓ Finished in ${time}` : "✓ Finished", "success");
      break;
    case "runtime_error": {
      if (execution.truncated) note(LIMIT_MESSAGES.output_limit);
      if (waitedForInput(execution)) {
        note(
          ranWithStdin
            ? "Your program waited for more input than you typed: add one line in “Input (stdin)” for each input() call."
            : "Your program waited for input. Open “Input (stdin)” and type one line for each input() call.",
          "warning",
        );
        note(withTime("● Needs input"), "warning");
        break;
      }
      const code = execution.exitCode === null ? "" : ` with code ${execution.exitCode}`;
      const signal = execution.signal ? ` (signal ${execution.signal})` : "";
      note(withTime(`✗ Exited${code}${signal}`), "danger");
      break;
    }
    case "timeout":
      // An interactive run's wall limit is minutes long: it waited for input that never came.
      note(
        execution.wallMs !== null && execution.wallMs > 10_000
          ? `Your program waited ${Math.round(execution.wallMs / 1000)} s for input, so it was stopped.`
          : LIMIT_MESSAGES.timeout,
      );
      note(withTime("✗ Timed out"), "danger");
      break;
    case "cpu_limit":
      note(LIMIT_MESSAGES.cpu_limit);
      note(withTime("✗ Stopped: CPU time limit"), "danger");
      break;
    case "memory_limit":
      note(LIMIT_MESSAGES.memory_limit);
      note(withTime("✗ Out of memory"), "danger");
      break;
    case "output_limit":
      note(LIMIT_MESSAGES.output_limit);
      note(withTime("● Stopped: too much output"), "warning");
      break;
    case "cancelled":
      note(withTime("■ Stopped by you"), "warning");
      break;
    case "internal_error":
      note(LIMIT_MESSAGES.internal_error, "danger");
      if (execution.error) note(execution.error, "muted");
      break;
  }
  return segments;
}

// stdout then stderr, each ending in a newline so the status lines below start on their own row.
function programOutput(stdout: string, stderr: string): Segment[] {
  const segments: Segment[] = [];
  if (stdout) segments.push({ text: withTrailingNewline(stdout), tone: "stdout" });
  if (stderr) segments.push({ text: withTrailingNewline(stderr), tone: "stderr" });
  return segments;
}

function withTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** `columns` wraps this page's own messages at word boundaries; the program's output is left exactly as printed. */
export function toAnsi(segments: Segment[], columns = Number.POSITIVE_INFINITY): string {
  return segments
    .map(({ text, tone }) => {
      const shown = tone === "stdout" || tone === "stderr" || tone === "input" ? text : wrapWords(text, columns);
      const colour = ANSI[tone];
      return colour ? `${colour}${shown}${RESET}` : shown;
    })
    .join("");
}

function wrapWords(text: string, columns: number): string {
  return text
    .split("\n")
    .map((line) => {
      if (line.length <= columns) return line;
      const rows: string[] = [];
      let row = "";
      for (const word of line.split(" ")) {
        if (row && row.length + 1 + word.length > columns) {
          rows.push(row);
          row = word;
        } else {
          row = row ? `${row} ${word}` : word;
        }
      }
      rows.push(row);
      return rows.join("\n");
    })
    .join("\n");
}

export function toPlainText(segments: Segment[]): string {
  return segments.map((s) => s.text).join("");
}
