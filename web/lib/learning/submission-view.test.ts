import {
  createSubmission,
  createUser,
  type DbHandle,
  type SubmissionStatus as DbSubmissionStatus,
  submissionStatuses as dbSubmissionStatuses,
  getSubmission,
  type SubmissionResult,
  saveSubmissionResult,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { type SubmissionStatus, SubmissionView, submissionStatuses, toSubmissionView } from "./submission-view";

describe("SubmissionView", () => {
  let handle: DbHandle;
  let userId: string;
  beforeAll(async () => {
    handle = await createTestDb();
    userId = (await createUser(handle.db, { username: "view-test", passwordHash: "x", ageGroup: "8-11" })).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function graded(result: unknown) {
    const row = await createSubmission(handle.db, {
      userId,
      exerciseId: "8-11/first-steps/say-hello",
      files: [{ path: "main.py", content: "print('hi')" }],
      tests: [
        { name: "greets Sam", shown: true, stdin: "Sam\n", stdout: "Hello, Sam!\n" },
        { name: "greets two words", hint: "Names can have spaces.", stdin: "Ada Lovelace\n", stdout: "Hello, Ada!\n" },
      ],
    });
    // Stored as found, whatever its shape: the view must cope with what an older or newer grader wrote.
    await saveSubmissionResult(handle.db, row.id, result as SubmissionResult);
    const stored = await getSubmission(handle.db, userId, row.id);
    if (!stored) throw new Error("row vanished");
    return SubmissionView.parse(JSON.parse(JSON.stringify(toSubmissionView(stored))));
  }

  it("has the database's statuses", () => {
    expect([...submissionStatuses].sort()).toEqual([...dbSubmissionStatuses].sort());
    expectTypeOf<SubmissionStatus>().toEqualTypeOf<DbSubmissionStatus>();
  });

  it("never answers with the hidden tests or the learner's files", async () => {
    const view = await graded({ version: 3, status: "pass", tests: [{ name: "greets Sam", status: "pass" }] });
    expect(view).toMatchObject({ status: "pass", exerciseId: "8-11/first-steps/say-hello" });
    expect(JSON.stringify(view)).not.toMatch(/Hello, Sam!|Ada Lovelace|Names can|print\('hi'\)/);
  });

  it("marks the tests the author showed, keeps their output, and drops a hidden test's output but not its hint", async () => {
    const view = await graded({
      version: 3,
      status: "fail",
      tests: [
        { name: "greets Sam", status: "fail", message: "Expected Hello, Sam!", output: "Hi\n" },
        { name: "greets two words", status: "fail", message: "Names can have spaces.", output: "LEAK" },
      ],
    });
    expect(view.result?.tests).toEqual([
      { name: "greets Sam", status: "fail", shown: true, message: "Expected Hello, Sam!", output: "Hi\n" },
      { name: "greets two words", status: "fail", shown: false, message: "Names can have spaces." },
    ]);
  });

  it("flags a program the grader could not read, and nothing else", async () => {
    const syntax = await graded({
      version: 3,
      status: "error",
      message: "Line 2: '(' was never closed",
      tests: [
        { name: "greets Sam", status: "error" },
        { name: "greets two words", status: "error" },
      ],
    });
    expect(syntax.result).toMatchObject({ didNotCompile: true, message: "Line 2: '(' was never closed" });

    const crashed = await graded({
      version: 3,
      status: "error",
      message: "NameError: name 'nme' is not defined",
      tests: [
        { name: "greets Sam", status: "error", message: "NameError: name 'nme' is not defined", output: "" },
        { name: "greets two words", status: "error", message: "This hidden test ended with an error." },
      ],
    });
    expect(crashed.result?.didNotCompile).toBe(false);

    const wrong = await graded({ version: 3, status: "fail", tests: [{ name: "greets Sam", status: "fail" }] });
    expect(wrong.result?.didNotCompile).toBe(false);
  });

  it("reads a stored verdict it cannot show as no verdict, and a queued one as waiting", async () => {
    const odd = await graded({ version: 2, status: "fail", tests: "many" });
    expect(odd).toMatchObject({ status: "fail", result: null });

    const row = await createSubmission(handle.db, {
      userId,
      exerciseId: "8-11/first-steps/say-hello",
      files: [{ path: "main.py", content: "" }],
      tests: [],
    });
    expect(SubmissionView.parse(JSON.parse(JSON.stringify(toSubmissionView(row))))).toMatchObject({
      status: "queued",
      result: null,
      finishedAt: null,
    });
  });
});
