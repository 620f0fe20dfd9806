"use client";

import { ChevronRight } from "lucide-react";
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/textarea";

type StdinPanelProps = {
  value: string;
  onChange: (value: string) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
};

/** Collapsible box for what the program reads with input(). Sent with the run whenever it is not empty. */
export function StdinPanel({ value, onChange, open, onOpenChange }: StdinPanelProps) {
  const panelId = useId();
  const lines = value ? value.replace(/\n$/, "").split("\n").length : 0;
  return (
    <div className="border-t border-border bg-card-header/60">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onOpenChange(!open)}
        className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring"
      >
        <ChevronRight aria-hidden className={cn("size-4 transition-transform", open && "rotate-90")} />
        Input (stdin)
        {lines > 0 && (
          <span className="rounded-full bg-secondary px-2 py-0.5 text-xs font-normal text-foreground">
            {lines} {lines === 1 ? "line" : "lines"}
          </span>
        )}
        <span className="ml-auto hidden text-xs font-normal sm:inline">read by input()</span>
      </button>
      {open && (
        <div id={panelId} className="px-3 pb-3">
          <Textarea
            aria-label="Input (stdin)"
            data-testid="stdin"
            rows={3}
            spellCheck={false}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            placeholder={"One line for each input() call, e.g.\nAda"}
          />
        </div>
      )}
    </div>
  );
}
