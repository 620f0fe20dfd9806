// Queueing answers and "Run examples" checks against a real Postgres, the real quota (in-process store) and the
// real curriculum: which tests are stored, which quota pays, and that a locked exercise is refused.
import {
  createUser,
  type DbHandle,
  getSubmission,
  listRecentSubmissions,
  recordProgress,
  saveSubmissionResult,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { toSubmissionView } from "@/lib/learning/submission-view";
import { Refusal } from "@/lib/server/http";
import { createQuota, type Quota } from "@/lib/server/quota/quota";
import { type QueueSubmissionDeps, queueSubmission } from "./queue-submission";

let handle: DbHandle;
let quota: Quota;
let deps: QueueSubmissionDeps;
const sent: Array<{ name: string; data: Record<string, unknown> }> = [];

const group = loadCurriculum().groups[0];
const [firstLevel, secondLevel] = group?.levels ?? [];
const first = firstLevel?.exercises[0];
const locked = secondLevel?.exercises[0];
const files = [{ path: "main.py", content: "print('hi')" }];

beforeAll(async () => {
  handle = await createTestDb();
  const limits = { perMinute: 20, perDay: 50 };
  quota = createQuota({
    config: { runs: { user: limits, anonymous: limits }, submissions: { user: limits, anonymous: limits } },
  });
  deps = { getDb: async () => handle.db, getQuota: () => quota, send: async (event) => void sent.push(event) };
});
afterAll(async () => {
  await handle?.close();
});

async function learner(username: string): Promise<Viewer> {
  const user = await createUser(handle.db, { username, passwordHash: "x", ageGroup: null });
  return { id: user.id, name: username, role: "learner", ageGroup: null } as Viewer;
}
const left = async (action: "runs" | "submissions", viewer: Viewer) =>
  (await quota.usage(action, { kind: "user", userId: viewer.id }))?.day.remaining;

describe("queueSubmission", () => {
  it("needs a curriculum of at least two levels", () => {
    expect(first && locked).toBeTruthy();
  });

  it("runs the examples against the shown tests only, charged as a run, and not listed as an answer", async () => {
    const viewer = await learner("examples");
    const exercise = getExercise(first?.id ?? "");
    const shown = exercise?.tests.filter((t) => t.shown) ?? [];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(exercise?.tests.length ?? 0);

    const id = await queueSubmission(viewer, { exerciseId: first?.id ?? "", files, examples: true }, deps);
    const row = await getSubmission(handle.db, viewer.id, id);
    expect(row).toMatchObject({ examplesOnly: true, status: "queued", exerciseId: first?.id });
    expect(row?.tests).toEqual(shown);
    expect(sent.at(-1)).toMatchObject({ name: "submission/requested", data: { submissionId: id, userId: viewer.id } });
    expect(await left("runs", viewer)).toBe(49);
    expect(await left("submissions", viewer)).toBe(50);
    expect(await listRecentSubmissions(handle.db, viewer.id)).toEqual([]);

    // Every test of the verdict is an example: the learner sees what was expected and what was printed.
    const name = shown[0]?.name ?? "";
    await saveSubmissionResult(handle.db, id, {
      version: 3,
      status: "fail",
      tests: [{ name, status: "fail", message: "Expected: x", output: "hi\n" }],
    });
    const view = toSubmissionView((await getSubmission(handle.db, viewer.id, id)) as NonNullable<typeof row>);
    expect(view.result?.tests).toEqual([{ name, status: "fail", message: "Expected: x", output: "hi\n", shown: true }]);
  });

  it("grades an answer against every test, charged as a submission", async () => {
    const viewer = await learner("answers");
    const id = await queueSubmission(viewer, { exerciseId: first?.id ?? "", files }, deps);
    const row = await getSubmission(handle.db, viewer.id, id);
    expect(row).toMatchObject({ examplesOnly: false });
    expect(row?.tests).toEqual(getExercise(first?.id ?? "")?.tests);
    expect(await left("submissions", viewer)).toBe(49);
    expect(await left("runs", viewer)).toBe(50);
  });

  it("refuses a locked exercise with what opens it, for answers and examples alike, and charges nothing", async () => {
    const viewer = await learner("locked");
    for (const examples of [false, true]) {
      const error = await queueSubmission(viewer, { exerciseId: locked?.id ?? "", files, examples }, deps).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Refusal);
      expect(error).toMatchObject({ status: 403 });
      expect((error as Refusal).message).toContain(`in “${firstLevel?.title}” to open it.`);
    }
    expect(await left("runs", viewer)).toBe(50);

    // Passing the level before it opens it (the default rule: all of it).
    for (const e of firstLevel?.exercises ?? []) {
      const submissionId = await queueSubmission(viewer, { exerciseId: e.id, files }, deps);
      await saveSubmissionResult(handle.db, submissionId, { version: 3, status: "pass", tests: [] });
      await recordProgress(handle.db, { userId: viewer.id, exerciseId: e.id, submissionId });
    }
    const id = await queueSubmission(viewer, { exerciseId: locked?.id ?? "", files, examples: true }, deps);
    expect((await getSubmission(handle.db, viewer.id, id))?.examplesOnly).toBe(true);
  });

  it("answers 404 for an exercise that does not exist", async () => {
    const viewer = await learner("nowhere");
    await expect(queueSubmission(viewer, { exerciseId: "nope/nope/nope", files }, deps)).rejects.toMatchObject({
      status: 404,
    });
  });
});
