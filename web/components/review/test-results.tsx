import type { SubmissionResult } from "@codeyard/drizzle";
import { CircleAlert, CircleCheck, CircleX } from "lucide-react";
import { explainError } from "@/components/learn/lesson/friendly-errors";
import { didNotCompile } from "@/lib/learning/submission-view";

/** The frozen iteration's test results, as the grader reported them. */
export function TestResults({ result }: { result: SubmissionResult }) {
  if (didNotCompile(result) && result.message) {
    return (
      <div data-testid="review-tests" className="rounded-xl border border-border bg-card p-3 text-sm">
        <p className="flex items-start gap-2 font-medium">
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          {explainError(result.message) ?? "The program could not be read, so no test ran."}
        </p>
        <p className="mt-1 font-mono text-xs text-muted-foreground">{result.message}</p>
      </div>
    );
  }
  const passed = result.tests.filter((t) => t.status === "pass").length;
  return (
    <div data-testid="review-tests" className="rounded-xl border border-border bg-card p-3 text-sm">
      <p className="mb-2 font-medium">
        {passed} / {result.tests.length} tests passed
      </p>
      <ul className="space-y-1">
        {result.tests.map((t) => (
          <li key={t.name} className="flex items-center gap-2">
            {t.status === "pass" ? (
              <CircleCheck aria-hidden className="size-4 text-success" />
            ) : (
              <CircleX aria-hidden className="size-4 text-danger" />
            )}
            {t.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
