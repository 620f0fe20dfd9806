import { ArrowRight, CircleAlert, ListChecks, LoaderCircle, Map as MapIcon, PartyPopper } from "lucide-react";
import Link from "next/link";
import { ProgressBar } from "@/components/learn/progress-bar";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Panel, PanelHeader } from "@/components/ui/panel";
import { errorLine, explainError, isTimeout, TIMEOUT_EXPLANATION } from "./friendly-errors";
import { TestList } from "./test-row";
import type { FinishedSubmission, SubmitState } from "./use-submission";

/** Where "Next exercise" goes after a pass, by the unlock rules; `hint` says what opens it while it is locked. */
export type NextStep = {
  href: string;
  title: string;
  locked: boolean;
  hint?: string | null;
  /** The title of the level this step opens, when it leads into a new one. */
  opens?: string | null;
} | null;

type SubmissionResultsProps = {
  state: Exclude<SubmitState, { phase: "idle" }>;
  next: NextStep;
  mapHref: string;
};

/** The verdict of "Check my answer": a summary, a celebration on a pass, and each test with the first failure open. */
export function SubmissionResults({ state, next, mapHref }: SubmissionResultsProps) {
  return (
    <Panel data-testid="results" data-phase={state.phase} aria-labelledby="results-heading">
      <PanelHeader icon={<ListChecks aria-hidden />} title="Results" titleId="results-heading" />
      <p className="sr-only" aria-live="polite">
        {announcement(state)}
      </p>
      <div className="space-y-4 p-3 sm:p-4">
        {state.phase === "checking" && <Checking status={state.status} />}
        {state.phase === "failed" && (
          <Alert tone="danger" data-testid="submit-error">
            <CircleAlert aria-hidden />
            <p>{state.message}</p>
          </Alert>
        )}
        {state.phase === "finished" && <Verdict submission={state.submission} next={next} mapHref={mapHref} />}
      </div>
    </Panel>
  );
}

// Screen readers hear one short line per change, not the whole list of tests.
function announcement(state: SubmissionResultsProps["state"]): string {
  if (state.phase === "checking") return "Checking your answer…";
  if (state.phase === "failed") return state.message;
  const { result, status } = state.submission;
  if (status === "pass") return "All tests passed!";
  if (result?.didNotCompile && result.message) return explainError(result.message) ?? result.message;
  if (!result?.tests.length) return "Your answer could not be checked.";
  const passed = result.tests.filter((t) => t.status === "pass").length;
  return `${passed} of ${result.tests.length} tests passed.`;
}

function Checking({ status }: { status: "queued" | "running" | null }) {
  return (
    <p className="flex items-center gap-2.5 text-sm text-muted-foreground">
      <LoaderCircle aria-hidden className="size-4 animate-spin text-info" />
      {status === "running" ? "Running your program against the tests…" : "Checking your answer…"}
    </p>
  );
}

function Verdict({ submission, next, mapHref }: { submission: FinishedSubmission; next: NextStep; mapHref: string }) {
  const result = submission.result;
  if (!result) {
    return (
      <Alert tone="danger">
        <CircleAlert aria-hidden />
        <p>Something went wrong while checking your answer, and it was not your code. Please try again.</p>
      </Alert>
    );
  }
  if (result.didNotCompile && result.message) return <CompileError message={result.message} />;
  // A verdict whose every test is an error with nothing to say (out of time, could not finish): the message alone.
  const tests = result.tests.every((t) => t.status === "error" && !t.message && t.output === undefined)
    ? []
    : result.tests;
  const passed = tests.filter((t) => t.status === "pass").length;
  const allPassed = submission.status === "pass";
  const tone = allPassed ? "bg-success" : passed > 0 ? "bg-warning" : "bg-danger";

  return (
    <>
      {allPassed && <Celebration next={next} mapHref={mapHref} />}
      {tests.length > 0 && (
        <div className="space-y-2">
          <p data-testid="results-summary" className="text-base font-semibold">
            {passed} / {tests.length} tests passed
          </p>
          <ProgressBar value={passed} max={tests.length} label="Tests passed" tone={tone} />
        </div>
      )}
      {submission.status === "error" && <ErrorMessage message={result.message} />}
      {submission.status === "fail" && !tests.length && result.message && (
        <p className="text-sm text-muted-foreground">{result.message}</p>
      )}
      {tests.length > 0 && <TestList key={submission.id} tests={tests} label="Tests" />}
    </>
  );
}

function Celebration({ next, mapHref }: { next: NextStep; mapHref: string }) {
  return (
    <div
      data-testid="celebration"
      className="relative overflow-hidden rounded-xl border border-success/40 bg-[radial-gradient(120%_140%_at_0%_0%,rgb(52_211_153/0.22),transparent_55%),radial-gradient(120%_140%_at_100%_100%,rgb(34_211_238/0.16),transparent_55%)] p-4"
    >
      <PartyPopper aria-hidden className="absolute -top-2 -right-2 size-24 rotate-12 text-success/10" />
      <p className="text-xl font-bold tracking-tight text-success">All tests passed! 🎉</p>
      <p className="mt-1 text-sm text-foreground/90">
        {next && !next.locked
          ? next.opens
            ? `Brilliant work: you opened “${next.opens}”! Ready for the next one?`
            : "Brilliant work. Ready for the next one?"
          : next
            ? `Brilliant work. ${next.hint ?? "Finish the other exercises in this level to unlock the next one."}`
            : "Brilliant work: that was the last exercise here."}
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        {next && !next.locked ? (
          <Button asChild>
            <Link href={next.href} data-testid="next-exercise">
              Next exercise: {next.title}
              <ArrowRight aria-hidden />
            </Link>
          </Button>
        ) : (
          <Button asChild>
            <Link href={mapHref} data-testid="back-to-map">
              <MapIcon aria-hidden />
              Back to the map
            </Link>
          </Button>
        )}
      </div>
    </div>
  );
}

/** The program could not be read, so no test ran: one friendly sentence naming the line, then the original words. */
function CompileError({ message }: { message: string }) {
  const line = errorLine(message);
  return (
    <div
      data-testid="compile-error"
      data-line={line ?? undefined}
      className="rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm"
    >
      <p className="flex items-start gap-2 text-base font-semibold">
        <CircleAlert aria-hidden className="mt-1 size-4 shrink-0 text-warning" />
        {explainError(message) ?? "Your program could not be read, so the tests could not run."}
      </p>
      <p className="mt-2 text-muted-foreground">
        The tests run once your code can be read. Fix {line ? `line ${line}` : "it"}, then press Check my answer again.
      </p>
      <pre className="mt-2 rounded-md border border-border bg-editor px-3 py-2 font-mono text-xs whitespace-pre-wrap">
        {message}
      </pre>
    </div>
  );
}

function ErrorMessage({ message }: { message: string | undefined }) {
  if (!message) {
    return (
      <Alert tone="danger" data-testid="result-error">
        <CircleAlert aria-hidden />
        <p>Your program could not be checked. Look at the tests below for clues.</p>
      </Alert>
    );
  }
  const timeout = isTimeout(message);
  const explanation = explainError(message);
  return (
    <div data-testid="result-error" className="rounded-lg border border-danger/40 bg-danger/10 p-3 text-sm">
      <p className="flex items-start gap-2 font-medium text-danger-foreground">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
        {timeout ? TIMEOUT_EXPLANATION : (explanation ?? "Your program stopped with an error.")}
      </p>
      {!timeout && <pre className="mt-2 font-mono text-xs whitespace-pre-wrap text-foreground/90">{message}</pre>}
    </div>
  );
}
