import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TestResultView } from "@/lib/learning/submission-view";
import { ExampleResults } from "./example-results";
import { SubmissionResults } from "./submission-results";
import type { FinishedSubmission } from "./use-submission";

const small: TestResultView = { name: "adds small numbers", status: "pass", shown: true };
const negatives: TestResultView = {
  name: "adds negatives",
  status: "fail",
  message: "add(-4, 1) should give -3, but it gave 5",
  shown: true,
};
const large: TestResultView = {
  name: "adds large numbers",
  status: "fail",
  message: "Try past a million.",
  shown: false,
};

function finished(status: FinishedSubmission["status"], list: TestResultView[]): FinishedSubmission {
  return {
    id: "7d1f0c9e-2b1a-4c1e-9f0e-3a2b1c0d9e8f",
    exerciseId: "add",
    status,
    result: { version: 3, status, tests: list, didNotCompile: false },
    createdAt: "2026-12-03T12:00:00.000Z",
    finishedAt: "2026-12-03T12:00:01.000Z",
  };
}

/** Each test row's name, status and whether it opens at first, in the order shown. */
function rows(html: string): { name: string; status: string; open: boolean }[] {
  return [
    ...html.matchAll(
      /<li data-testid="test-result" data-status="(\w+)"[^>]*aria-label="([^:"]+):[^"]*"[^>]*>(.*?)<\/li>/g,
    ),
  ].map(([, status = "", name = "", body = ""]) => ({ name, status, open: body.includes("<details open") }));
}

/** The markup of the examples' or the answer's panel showing a finished verdict. */
function render(panel: "examples" | "answer", submission: FinishedSubmission): string {
  const state = { phase: "finished", submission } as const;
  return renderToStaticMarkup(
    panel === "examples"
      ? createElement(ExampleResults, { state })
      : createElement(SubmissionResults, { state, next: null, mapHref: "/learn" }),
  );
}

describe("the verdict panels' test lists", () => {
  it.each([
    { panel: "examples", label: "Examples", list: [small, negatives, large], open: [false, true, false] },
    { panel: "answer", label: "Tests", list: [large, small, negatives], open: [true, false, false] },
  ] as const)(
    "lists every test of the $panel panel with only the first failing one open",
    ({ panel, label, list, open }) => {
      const html = render(panel, finished("fail", [...list]));
      expect(html).toContain(`aria-label="${label}"`);
      expect(rows(html)).toEqual(list.map((test, i) => ({ name: test.name, status: test.status, open: open[i] })));
    },
  );

  it("shows no list when nothing was tested", () => {
    const html = render("examples", finished("error", []));
    expect(html).not.toContain("<ul");
    expect(rows(html)).toEqual([]);
  });
});
