import { Info } from "lucide-react";

/** Calm, not an error: the lessons themselves never depend on the database. */
export function ProgressNotice() {
  return (
    <p
      role="status"
      data-testid="progress-unavailable"
      className="flex items-start gap-2.5 rounded-lg border border-info/30 bg-info/5 px-3 py-2.5 text-sm text-foreground/90"
    >
      <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-info" />
      Your progress can't be loaded right now; lessons still work.
    </p>
  );
}
