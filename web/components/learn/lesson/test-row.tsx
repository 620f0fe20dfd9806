import { ChevronRight, CircleAlert, CircleCheck, CircleX, Lock } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { TestResultView } from "@/lib/learning/submission-view";
import { explainError } from "./friendly-errors";

const STATUS_LOOK = {
  pass: { label: "Passed", icon: CircleCheck, colour: "text-success" },
  fail: { label: "Failed", icon: CircleX, colour: "text-danger" },
  error: { label: "Error", icon: CircleAlert, colour: "text-warning" },
} as const;

const caption = "mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase";
const codeBlock = "rounded-md border border-border bg-editor px-3 py-2 font-mono text-xs leading-5 whitespace-pre-wrap";

/**
 * A verdict's tests, the first failing one open. Key it by the submission, so that a new verdict opens its own
 * first failure instead of keeping the rows the learner opened or closed.
 */
export function TestList({ tests, label }: { tests: TestResultView[]; label: string }) {
  const firstFailing = tests.findIndex((t) => t.status !== "pass");
  return (
    <ul aria-label={label} className="divide-y divide-border overflow-hidden rounded-lg border border-border">
      {tests.map((test, index) => (
        <TestRow key={test.name} test={test} open={index === firstFailing} />
      ))}
    </ul>
  );
}

/** One test of a verdict. A failing one opens to say why: a shown test with what was expected and printed, a hidden one with its hint only. */
export function TestRow({ test, open }: { test: TestResultView; open: boolean }) {
  const look = STATUS_LOOK[test.status];
  const Icon = look.icon;
  const hidden = !test.shown;
  const head = (
    <>
      <Icon aria-hidden className={cn("size-4 shrink-0", look.colour)} />
      <span className="min-w-0 flex-1 break-words">{test.name}</span>
      {hidden && (
        <span
          data-testid="hidden-test"
          className="inline-flex shrink-0 items-center gap-1 rounded-full border border-border bg-secondary px-2 py-0.5 text-xs text-muted-foreground"
        >
          <Lock aria-hidden className="size-3" />
          hidden test
        </span>
      )}
      <span className={cn("text-xs font-medium", look.colour)}>{look.label}</span>
    </>
  );
  const common = {
    "data-testid": "test-result",
    "data-status": test.status,
    "data-visibility": hidden ? "hidden" : "shown",
    "aria-label": `${test.name}: ${look.label.toLowerCase()}${hidden ? ", hidden test" : ""}`,
  };

  if (test.status === "pass") {
    return (
      <li {...common} className="flex items-center gap-2.5 px-3 py-2.5 text-sm">
        {head}
      </li>
    );
  }

  return (
    <li {...common} className="text-sm">
      <details open={open} className="group">
        <summary className="flex cursor-pointer list-none items-center gap-2.5 px-3 py-2.5 outline-none select-none hover:bg-secondary/60 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset [&::-webkit-details-marker]:hidden">
          <ChevronRight
            aria-hidden
            className="size-4 shrink-0 text-muted-foreground transition-transform group-open:rotate-90"
          />
          {head}
        </summary>
        <div className="space-y-3 border-t border-border bg-background/40 px-3 py-3">
          {hidden ? <HiddenDetails test={test} /> : <ShownDetails test={test} />}
        </div>
      </details>
    </li>
  );
}

// The grader sends a hidden test's name and hint only: its input, expected value and the program's output stay secret.
function HiddenDetails({ test }: { test: TestResultView }) {
  const explanation = test.status === "error" && test.message ? explainError(test.message) : null;
  return (
    <>
      {explanation && <p className="font-medium text-warning-foreground">{explanation}</p>}
      {test.message ? (
        <div>
          <p className={caption}>Hint</p>
          <p data-testid="test-hint" className="text-foreground/90">
            {test.message}
          </p>
        </div>
      ) : (
        <p className="text-muted-foreground">This test has no hint. Read the task again and try other inputs.</p>
      )}
      <p className="flex items-start gap-2 text-xs text-muted-foreground">
        <Lock aria-hidden className="mt-0.5 size-3.5 shrink-0" />
        This test is hidden: its input and the answer it expects stay secret, so make your program work for any input,
        not just the examples.
      </p>
    </>
  );
}

function ShownDetails({ test }: { test: TestResultView }) {
  const explanation = test.message ? explainError(test.message) : null;
  return (
    <>
      {explanation && <p className="font-medium text-warning-foreground">{explanation}</p>}
      {test.message && (
        <div>
          <p className={caption}>What went wrong</p>
          <pre data-testid="test-message" className={cn("overflow-x-auto", codeBlock)}>
            {test.message}
          </pre>
        </div>
      )}
      {test.output !== undefined && (
        <div>
          <p className={caption}>Your program printed</p>
          <pre data-testid="test-output" className={cn("max-h-60 overflow-auto", codeBlock)}>
            {test.output === "" ? <span className="text-muted-foreground italic">(nothing)</span> : test.output}
          </pre>
        </div>
      )}
      {!test.message && test.output === undefined && (
        <p className="text-muted-foreground">This test did not say more. Compare your output with the lesson.</p>
      )}
    </>
  );
}
