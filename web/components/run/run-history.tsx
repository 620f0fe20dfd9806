"use client";

import { ChevronRight } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Tone } from "./transcript";
import type { HistoryEntry } from "./use-runner";

// The terminal's tones as the site theme's text colours (the terminal draws the current run; earlier runs are HTML).
const toneClass: Record<Tone, string> = {
  stdout: "",
  stderr: "text-danger",
  input: "font-semibold",
  muted: "text-muted-foreground",
  info: "text-info",
  success: "font-semibold text-success",
  danger: "font-semibold text-danger",
  warning: "text-warning",
};

export function runLabel(run: { at: Date; entry: string }): string {
  return `${run.at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })} · ${run.entry}`;
}

/** Earlier runs above the current one, newest last, each collapsible under its time and file. */
export function RunHistory({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <ol data-testid="run-history" aria-label="Earlier runs" className="max-h-48 overflow-y-auto border-b border-border">
      {entries.map((entry) => (
        <li key={entry.key}>
          <details open className="group bg-editor text-foreground">
            <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-1 text-xs text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring">
              <ChevronRight aria-hidden className="size-3.5 transition-transform group-open:rotate-90" />
              <span data-testid="run-history-header">{runLabel(entry)}</span>
            </summary>
            <pre className={cn("overflow-x-auto whitespace-pre-wrap px-3 pb-2 font-mono text-[13px] leading-snug")}>
              {entry.segments.map((segment, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a finished run's segments never change
                <span key={i} className={toneClass[segment.tone]}>
                  {segment.text}
                </span>
              ))}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
