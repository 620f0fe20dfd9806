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
const tests = [small, negatives, large];

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

describe("the verdict panels' test lists", () => {
  it("lists every example with only the first failing one open", () => {
    const html = renderToStaticMarkup(
      createElement(ExampleResults, { state: { phase: "finished", submission: finished("fail", tests) } }),
    );
    expect(html).toContain('aria-label="Examples"');
    expect(rows(html)).toEqual([
      { name: "adds small numbers", status: "pass", open: false },
      { name: "adds negatives", status: "fail", open: true },
      { name: "adds large numbers", status: "fail", open: false },
    ]);
  });

  it("lists every test of an answer with only the first failing one open", () => {
    const html = renderToStaticMarkup(
      createElement(SubmissionResults, {
        state: { phase: "finished", submission: finished("fail", [large, small, negatives]) },
        next: null,
        mapHref: "/learn",
      }),
    );
    expect(html).toContain('aria-label="Tests"');
    expect(rows(html)).toEqual([
      { name: "adds large numbers", status: "fail", open: true },
      { name: "adds small numbers", status: "pass", open: false },
      { name: "adds negatives", status: "fail", open: false },
    ]);
  });

  it("shows no list when nothing was tested", () => {
    const html = renderToStaticMarkup(
      createElement(ExampleResults, { state: { phase: "finished", submission: finished("error", []) } }),
    );
    expect(html).not.toContain("<ul");
    expect(rows(html)).toEqual([]);
  });
});
