"use client";

import { SquareTerminal } from "lucide-react";
import { type ReactNode, useMemo, useState } from "react";
import { OutputTerminal } from "@/components/terminal/output-terminal";
import { cn } from "@/components/ui/cn";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { RunImages } from "./run-images";
import { buildTranscript, toAnsi, toPlainText } from "./transcript";
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

/** What the program printed, in a terminal, with the figures it drew below. */
export function OutputPanel({ runner, detail, children, className, terminalClassName }: OutputPanelProps) {
  const { state, ranWithStdin, outputRef } = runner;
  const [columns, setColumns] = useState(80);
  const segments = useMemo(() => buildTranscript(state, ranWithStdin), [state, ranWithStdin]);
  const ansi = useMemo(() => toAnsi(segments, columns), [segments, columns]);
  const plainText = useMemo(() => toPlainText(segments), [segments]);

  return (
    <Panel ref={outputRef} aria-label="Output" className={className}>
      <PanelHeader icon={<SquareTerminal aria-hidden />} title="Output" detail={detail}>
        {children}
      </PanelHeader>
      <div data-testid="output" aria-hidden className={cn("bg-editor py-2 pr-1 pl-3", terminalClassName)}>
        <OutputTerminal text={ansi} onColumnsChange={setColumns} />
      </div>
      {/* The terminal draws on a canvas; this mirror is what screen readers and e2e tests read. */}
      <pre data-testid="output-text" className="sr-only">
        {plainText}
      </pre>
      <RunImages images={state.phase === "finished" ? state.execution.images : []} />
    </Panel>
  );
}
