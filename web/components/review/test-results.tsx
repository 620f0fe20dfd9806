import type { SubmissionResult } from "@codeyard/drizzle";
import { CircleCheck, CircleX } from "lucide-react";

/** The frozen iteration's test results, as the grader reported them. */
export function TestResults({ result }: { result: SubmissionResult }) {
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
