import { FlaskConical, ListChecks, LoaderCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { SubmitMode } from "./use-submission";

type CheckButtonsProps = {
  /** The mode of the check in flight, if any: both buttons wait for it. */
  busy: SubmitMode | null;
  onCheck: (mode: SubmitMode) => void;
  className?: string;
};

/** Run examples (the lesson's example tests, nothing recorded) beside Check my answer (every test). */
export function CheckButtons({ busy, onCheck, className }: CheckButtonsProps) {
  const spinner = <LoaderCircle aria-hidden className="animate-spin" />;
  return (
    <div className={cn("flex flex-wrap gap-2", className)}>
      <Button
        data-testid="examples-button"
        variant="secondary"
        title="Try your program on the lesson's examples"
        disabled={busy !== null}
        aria-busy={busy === "examples"}
        className="min-h-11 flex-1 sm:flex-none"
        onClick={() => onCheck("examples")}
      >
        {busy === "examples" ? spinner : <FlaskConical aria-hidden />}
        {busy === "examples" ? "Trying…" : "Run examples"}
      </Button>
      <Button
        data-testid="submit-button"
        disabled={busy !== null}
        aria-busy={busy === "answer"}
        className="min-h-11 min-w-40 flex-1 sm:flex-none"
        onClick={() => onCheck("answer")}
      >
        {busy === "answer" ? spinner : <ListChecks aria-hidden />}
        {busy === "answer" ? "Checking…" : "Check my answer"}
      </Button>
    </div>
  );
}
