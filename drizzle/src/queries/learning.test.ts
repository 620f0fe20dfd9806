import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { submissions, workspaces } from "../schema";
import { createTestDb } from "../testing";
import {
  createSubmission,
  deleteDraft,
  getDraft,
  getSubmission,
  listProgress,
  listRecentSubmissions,
  listTouchedExercises,
  markSubmissionRunning,
  recordProgress,
  saveDraft,
  saveSubmissionResult,
} from "./learning";
import { createUser, findOrCreateGithubUser, getUserByUsername, setAgeGroup, UsernameTakenError } from "./users";
import { openLessonWorkspace } from "./workspaces";

const files = [{ path: "main.py", content: "print(1)" }];
const passed = { version: 3 as const, status: "pass" as const, tests: [{ name: "t", status: "pass" as const }] };

describe("accounts and learning queries (real Postgres)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("creates users with unique, case-insensitive names", async () => {
    const user = await createUser(handle.db, { username: "Ada", passwordHash: "h", ageGroup: "12-15" });
    expect(user).toMatchObject({ username: "ada", role: "learner", ageGroup: "12-15" });
    await expect(createUser(handle.db, { username: "ADA", passwordHash: "h", ageGroup: null })).rejects.toBeInstanceOf(
      UsernameTakenError,
    );
    expect((await getUserByUsername(handle.db, "aDa"))?.id).toBe(user.id);
  });

  it("finds or creates GitHub users under a free name", async () => {
    await createUser(handle.db, { username: "octo", passwordHash: "h", ageGroup: null });
    const gh = await findOrCreateGithubUser(handle.db, "42", "Octo");
    expect(gh.username).toBe("octo-2");
    expect(gh.ageGroup).toBeNull();
    expect((await findOrCreateGithubUser(handle.db, "42", "Octo")).id).toBe(gh.id);
    await setAgeGroup(handle.db, gh.id, "16-plus");
    expect((await getUserByUsername(handle.db, "octo-2"))?.ageGroup).toBe("16-plus");
  });

  it("scopes submissions to their owner and stores a verdict once", async () => {
    const owner = await createUser(handle.db, { username: "owner", passwordHash: "h", ageGroup: "8-11" });
    const other = await createUser(handle.db, { username: "other", passwordHash: "h", ageGroup: "8-11" });
    const sub = await createSubmission(handle.db, { userId: owner.id, exerciseId: "8-11/a/b", files, tests: [] });
    expect(await getSubmission(handle.db, other.id, sub.id)).toBeUndefined();
    expect((await markSubmissionRunning(handle.db, sub.id))?.status).toBe("running");
    expect(await saveSubmissionResult(handle.db, sub.id, passed)).toBe(true);
    expect(await saveSubmissionResult(handle.db, sub.id, { ...passed, status: "fail" })).toBe(false);
    expect(await getSubmission(handle.db, owner.id, sub.id)).toMatchObject({ status: "pass", result: passed });
    expect((await listRecentSubmissions(handle.db, owner.id)).map((s) => s.id)).toEqual([sub.id]);
    expect(await listRecentSubmissions(handle.db, other.id)).toEqual([]);
  });

  it("records progress once per exercise", async () => {
    const user = await createUser(handle.db, { username: "prog", passwordHash: "h", ageGroup: "8-11" });
    const a = await createSubmission(handle.db, { userId: user.id, exerciseId: "x", files, tests: [] });
    const b = await createSubmission(handle.db, { userId: user.id, exerciseId: "x", files, tests: [] });
    expect(await recordProgress(handle.db, { userId: user.id, exerciseId: "x", submissionId: a.id })).toBe(true);
    expect(await recordProgress(handle.db, { userId: user.id, exerciseId: "x", submissionId: b.id })).toBe(false);
    const rows = await listProgress(handle.db, user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.submissionId).toBe(a.id);
  });

  it("saves, overwrites and deletes drafts per user and exercise", async () => {
    const user = await createUser(handle.db, { username: "drafty", passwordHash: "h", ageGroup: "8-11" });
    const other = await createUser(handle.db, { username: "drafty2", passwordHash: "h", ageGroup: "8-11" });
    await saveDraft(handle.db, { userId: user.id, exerciseId: "e", code: "v1" });
    await saveDraft(handle.db, { userId: user.id, exerciseId: "e", code: "v2" });
    expect((await getDraft(handle.db, user.id, "e"))?.code).toBe("v2");
    expect(await getDraft(handle.db, other.id, "e")).toBeUndefined();
    await deleteDraft(handle.db, user.id, "e");
    expect(await getDraft(handle.db, user.id, "e")).toBeUndefined();
  });

  it("leaves example checks out of the recent answers, and lists touched exercises newest first", async () => {
    const user = await createUser(handle.db, { username: "toucher", passwordHash: "h", ageGroup: "8-11" });
    const at = async (exerciseId: string, seconds: number, examplesOnly = false) => {
      const row = await createSubmission(handle.db, { userId: user.id, exerciseId, files, tests: [], examplesOnly });
      await handle.db
        .update(submissions)
        .set({ createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)) })
        .where(eq(submissions.id, row.id));
      return row;
    };
    const answer = await at("g/one/a", 1);
    const examples = await at("g/two/c", 3, true);
    expect(examples.examplesOnly).toBe(true);
    expect(answer.examplesOnly).toBe(false);
    await at("g/one/b", 2);
    expect((await listRecentSubmissions(handle.db, user.id)).map((s) => s.exerciseId)).toEqual(["g/one/b", "g/one/a"]);
    expect(await listTouchedExercises(handle.db, user.id)).toEqual(["g/two/c", "g/one/b", "g/one/a"]);

    // Opening a lesson (its files) counts as touching it, at the time of its last change.
    const lesson = {
      userId: user.id,
      name: "L",
      language: "python",
      entry: "main.py",
      starter: [{ path: "main.py", content: "" }],
    };
    const opened = await openLessonWorkspace(handle.db, { ...lesson, exerciseId: "g/one/a" });
    await handle.db
      .update(workspaces)
      .set({ updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 9)) })
      .where(eq(workspaces.id, opened.id));
    expect(await listTouchedExercises(handle.db, user.id)).toEqual(["g/one/a", "g/two/c", "g/one/b"]);
    expect(await listTouchedExercises(handle.db, user.id, 1)).toEqual(["g/one/a"]);
  });
});
