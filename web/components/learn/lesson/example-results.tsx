import { CircleAlert, FlaskConical, LoaderCircle } from "lucide-react";
import { ProgressBar } from "@/components/learn/progress-bar";
import { Alert } from "@/components/ui/alert";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { explainError, isTimeout, TIMEOUT_EXPLANATION } from "./friendly-errors";
import { TestList } from "./test-row";
import type { SubmitState } from "./use-submission";

/**
 * The verdict of "Run examples": the lesson's example tests only, each with what it expected and what the program
 * printed. Nothing is recorded, so there is no celebration: a pass points on to Check my answer.
 */
export function ExampleResults({ state }: { state: Exclude<SubmitState, { phase: "idle" }> }) {
  return (
    <Panel data-testid="example-results" data-phase={state.phase} aria-labelledby="example-results-heading">
      <PanelHeader icon={<FlaskConical aria-hidden />} title="Examples" titleId="example-results-heading" />
      <p className="sr-only" aria-live="polite">
        {announcement(state)}
      </p>
      <div className="space-y-4 p-3 sm:p-4">
        {state.phase === "checking" && (
          <p className="flex items-center gap-2.5 text-sm text-muted-foreground">
            <LoaderCircle aria-hidden className="size-4 animate-spin text-info" />
            Trying your program on the examples…
          </p>
        )}
        {state.phase === "failed" && (
          <Alert tone="danger" data-testid="submit-error">
            <CircleAlert aria-hidden />
            <p>{state.message}</p>
          </Alert>
        )}
        {state.phase === "finished" && <Verdict state={state} />}
      </div>
    </Panel>
  );
}

function announcement(state: Exclude<SubmitState, { phase: "idle" }>): string {
  if (state.phase === "checking") return "Trying your program on the examples…";
  if (state.phase === "failed") return state.message;
  const tests = state.submission.result?.tests ?? [];
  return `${tests.filter((t) => t.status === "pass").length} of ${tests.length} examples passed.`;
}

function Verdict({ state }: { state: Extract<SubmitState, { phase: "finished" }> }) {
  const { submission } = state;
  const result = submission.result;
  if (!result) {
    return (
      <Alert tone="danger">
        <CircleAlert aria-hidden />
        <p>Something went wrong while trying the examples, and it was not your code. Please try again.</p>
      </Alert>
    );
  }
  const { tests } = result;
  const passed = tests.filter((t) => t.status === "pass").length;
  const allPassed = submission.status === "pass";
  const message = submission.status === "error" ? result.message : undefined;
  return (
    <>
      <div className="space-y-2">
        <p data-testid="examples-summary" className="text-base font-semibold">
          {passed} / {tests.length} {tests.length === 1 ? "example" : "examples"} passed
        </p>
        <ProgressBar
          value={passed}
          max={tests.length}
          label="Examples passed"
          tone={allPassed ? "bg-success" : passed > 0 ? "bg-warning" : "bg-danger"}
        />
        <p data-testid="examples-next" className="text-sm text-muted-foreground">
          {allPassed
            ? "Your program works for the examples. Press Check my answer: it tries some hidden tests too."
            : "Open a failing example to compare what it expected with what your program printed."}
        </p>
      </div>
      {message && (
        <p data-testid="result-error" className="rounded-lg border border-danger/40 bg-danger/10 p-3 text-sm">
          {isTimeout(message) ? TIMEOUT_EXPLANATION : (explainError(message) ?? message)}
        </p>
      )}
      {tests.length > 0 && <TestList key={submission.id} tests={tests} label="Examples" />}
    </>
  );
}
