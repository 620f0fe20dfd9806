"use client";

import { SquareTerminal } from "lucide-react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { OutputTerminal } from "@/components/terminal/output-terminal";
import { cn } from "@/components/ui/cn";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { RunHistory, runLabel } from "./run-history";
import { RunImages } from "./run-images";
import { buildTranscript, toAnsi, toPlainText } from "./transcript";
import type { LiveView } from "./use-execution";
import type { Runner } from "./use-runner";

type OutputPanelProps = {
  runner: Runner;
  /** A quiet note in the header, e.g. "stdout · stderr". */
  detail?: string;
  /** Header actions, e.g. Clear. */
  children?: ReactNode;
  className?: string;
  /** Size of the terminal area. */
  terminalClassName: string;
};

/** The countdown shows in the last this many seconds of an interactive run's wall limit. */
const countdownFromSeconds = 30;

/** What the program printed, live, in a terminal that takes typed input; earlier runs above; figures below. */
export function OutputPanel({ runner, detail, children, className, terminalClassName }: OutputPanelProps) {
  const { state, live, ranWithStdin, outputRef, history, current, type } = runner;
  const [columns, setColumns] = useState(80);
  const segments = useMemo(() => buildTranscript(state, ranWithStdin, live), [state, ranWithStdin, live]);
  const ansi = useMemo(() => toAnsi(segments, columns), [segments, columns]);
  const plainText = useMemo(() => toPlainText(segments), [segments]);
  const reading = state.phase === "running" && live?.interactive === true && !live.ended;
  // A prompt (output that stays without its newline) means the program is most likely waiting in input();
  // print() may reach the pipe in pieces, so a line only counts as a prompt once it has stood a moment.
  const asking = useSettled(reading && live.chunks.length > 0 && !live.chunks.at(-1)?.text.endsWith("\n"), 150);
  const secondsLeft = useSecondsLeft(reading ? live : null);

  return (
    <Panel ref={outputRef} aria-label="Output" className={className}>
      <PanelHeader icon={<SquareTerminal aria-hidden />} title="Output" detail={detail}>
        {children}
      </PanelHeader>
      <RunHistory entries={history} />
      {current && state.phase !== "idle" && (
        <div
          data-testid="run-header"
          className="flex items-center gap-2 bg-editor px-3 pt-1.5 text-xs text-muted-foreground"
        >
          <span>{runLabel(current)}</span>
          {reading && (
            <span data-testid="input-hint" className="text-info">
              {asking ? "Type your answer here and press Enter" : "Your program can read what you type here"}
            </span>
          )}
          {secondsLeft !== null && secondsLeft <= countdownFromSeconds && (
            <span data-testid="countdown" role="timer" className="ml-auto font-medium text-warning">
              Stops in {secondsLeft} s
            </span>
          )}
        </div>
      )}
      <div data-testid="output" aria-hidden className={cn("bg-editor py-2 pr-1 pl-3", terminalClassName)}>
        <OutputTerminal text={ansi} onColumnsChange={setColumns} onData={reading ? type : undefined} focused={asking} />
      </div>
      {/* The terminal may draw on a canvas; this mirror is what screen readers and e2e tests read. */}
      <pre data-testid="output-text" className="sr-only">
        {plainText}
      </pre>
      <RunImages images={state.phase === "finished" ? state.execution.images : []} />
    </Panel>
  );
}

/** Whole seconds until an interactive run's wall limit, ticking; null when there is no such run. */
function useSecondsLeft(live: LiveView | null): number | null {
  const endsAt = live?.startedAt && live.wallMs ? live.startedAt + live.wallMs : null;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  return endsAt === null ? null : Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/** `value`, but true only once it has been true for `ms`. */
function useSettled(value: boolean, ms: number): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!value) {
      setSettled(false);
      return;
    }
    const timer = setTimeout(() => setSettled(true), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return value && settled;
}
