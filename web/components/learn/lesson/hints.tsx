"use client";

import { Lightbulb } from "lucide-react";
import { type ReactNode, useId, useState } from "react";
import { Button } from "@/components/ui/button";

// One hint at a time, gentlest first: the last hint nearly gives the answer away. The hints arrive already
// rendered on the server, so no Markdown code ships to the browser.
export function Hints({ hints }: { hints: ReactNode[] }) {
  const [shown, setShown] = useState(0);
  const listId = useId();
  if (hints.length === 0) return null;
  const more = shown < hints.length;

  return (
    <section aria-label="Hints" className="mt-8 rounded-xl border border-warning/25 bg-warning/5 p-3.5 sm:p-4">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <Lightbulb aria-hidden className="size-5 text-warning" />
        <h2 className="font-semibold">Stuck?</h2>
        <span className="text-sm text-muted-foreground">
          {shown === 0
            ? `${hints.length} ${hints.length === 1 ? "hint" : "hints"} if you need them`
            : `${shown} of ${hints.length} hints shown`}
        </span>
      </div>
      {shown > 0 && (
        <ol id={listId} className="mt-3 space-y-2">
          {hints.slice(0, shown).map((hint, index) => (
            <li
              // Hints never change order while the page is open.
              // biome-ignore lint/suspicious/noArrayIndexKey: the index is the hint's identity here
              key={index}
              data-testid="hint"
              className="flex gap-2.5 rounded-lg border border-border bg-card px-3 py-2 text-sm"
            >
              <span aria-hidden className="font-semibold text-warning">
                {index + 1}.
              </span>
              <div className="min-w-0 flex-1 [&_p]:my-0 [&_p]:text-sm [&_p]:leading-6">{hint}</div>
            </li>
          ))}
        </ol>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {more && (
          <Button
            data-testid="show-hint"
            variant="secondary"
            size="sm"
            aria-controls={shown > 0 ? listId : undefined}
            onClick={() => setShown((n) => n + 1)}
          >
            <Lightbulb aria-hidden className="text-warning" />
            {shown === 0 ? "Show a hint" : "Show another hint"}
          </Button>
        )}
        {shown > 0 && (
          <Button variant="ghost" size="sm" onClick={() => setShown(0)}>
            Hide hints
          </Button>
        )}
      </div>
    </section>
  );
}
