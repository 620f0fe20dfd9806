import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../client";
import { createTestDb } from "../testing";
import { saveDraft } from "./learning";
import { createUser } from "./users";
import { createEntry, deleteEntry, moveEntry, readFile, writeFile } from "./workspace-entries";
import {
  createProject,
  getWorkspace,
  listEntries,
  listProjects,
  listWorkspaceFiles,
  openLessonWorkspace,
  resetLessonWorkspace,
  WorkspaceError,
} from "./workspaces";

const starter = [
  { path: "main.py", content: "print('hi')\n" },
  { path: "data/words.txt", content: "apple\n", readOnly: true },
];
const lesson = { exerciseId: "8-11/a/b", name: "Lesson", language: "python", entry: "main.py", starter };

async function refusal(promise: Promise<unknown>): Promise<WorkspaceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkspaceError);
  return error as WorkspaceError;
}

describe("workspaces (real Postgres)", () => {
  let handle: DbHandle;
  let n = 0;
  const newUser = async () =>
    (await createUser(handle.db, { username: `ws${++n}`, passwordHash: "h", ageGroup: "8-11" })).id;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("makes a lesson workspace from the starter files once, with the folders they need", async () => {
    const userId = await newUser();
    const [a, b] = await Promise.all([
      openLessonWorkspace(handle.db, { userId, ...lesson }),
      openLessonWorkspace(handle.db, { userId, ...lesson }),
    ]);
    expect(a.id).toBe(b.id);
    const { entries } = await listEntries(handle.db, { userId, workspaceId: a.id });
    expect(entries.map((e) => [e.path, e.kind, e.readOnly])).toEqual([
      ["data", "folder", false],
      ["data/words.txt", "file", true],
      ["main.py", "file", false],
    ]);
    expect(await readFile(handle.db, { userId, workspaceId: a.id }, "main.py")).toMatchObject({
      content: "print('hi')\n",
    });
  });

  it("carries a draft saved before workspaces existed into the entry file", async () => {
    const userId = await newUser();
    await saveDraft(handle.db, { userId, exerciseId: lesson.exerciseId, code: "print('mine')" });
    const ws = await openLessonWorkspace(handle.db, { userId, ...lesson });
    const files = await listWorkspaceFiles(handle.db, { userId, workspaceId: ws.id });
    expect(files).toEqual([
      { path: "data/words.txt", content: "apple\n" },
      { path: "main.py", content: "print('mine')" },
    ]);
  });

  it("answers not found for another user's workspace, whatever the verb", async () => {
    const userId = await newUser();
    const other = await newUser();
    const ws = await openLessonWorkspace(handle.db, { userId, ...lesson });
    const theirs = { userId: other, workspaceId: ws.id };
    expect(await getWorkspace(handle.db, theirs)).toBeUndefined();
    for (const attempt of [
      () => listEntries(handle.db, theirs),
      () => readFile(handle.db, theirs, "main.py"),
      () => createEntry(handle.db, theirs, { path: "x.py", kind: "file" }),
      () => writeFile(handle.db, theirs, { path: "main.py", content: "", baseVersion: 1 }),
      () => moveEntry(handle.db, theirs, { from: "main.py", to: "x.py" }),
      () => deleteEntry(handle.db, theirs, { path: "main.py" }),
      () => resetLessonWorkspace(handle.db, theirs, { entry: "main.py", starter }),
    ]) {
      expect((await refusal(attempt())).code).toBe("not_found");
    }
    expect((await refusal(listEntries(handle.db, { userId, workspaceId: "not-a-uuid" }))).code).toBe("not_found");
    expect(await readFile(handle.db, { userId, workspaceId: ws.id }, "main.py")).toBeDefined();
  });

  it("creates, renames, moves and deletes files and folders by the runner's path rules", async () => {
    const userId = await newUser();
    const ws = await createProject(handle.db, {
      userId,
      name: "Game",
      language: "python",
      files: [{ path: "main.py", content: "" }],
    });
    const owner = { userId, workspaceId: ws.id };
    expect((await listProjects(handle.db, userId)).map((p) => p.name)).toEqual(["Game"]);
    await createEntry(handle.db, owner, { path: "helpers.py", kind: "file" });
    expect((await refusal(createEntry(handle.db, owner, { path: "helpers.py", kind: "file" }))).code).toBe("exists");
    expect((await refusal(createEntry(handle.db, owner, { path: "helpers.py/x.py", kind: "file" }))).message).toMatch(
      /is a file/,
    );
    expect((await refusal(createEntry(handle.db, owner, { path: "../etc", kind: "folder" }))).code).toBe("invalid");
    await moveEntry(handle.db, owner, { from: "helpers.py", to: "utils.py" });
    await createEntry(handle.db, owner, { path: "game/levels/one.py", kind: "file", content: "x = 1" });
    await moveEntry(handle.db, owner, { from: "main.py", to: "game/main.py" });
    expect((await getWorkspace(handle.db, owner))?.entry).toBe("game/main.py");
    expect((await refusal(moveEntry(handle.db, owner, { from: "game", to: "game/inner" }))).code).toBe("invalid");
    await moveEntry(handle.db, owner, { from: "game", to: "src/game" });
    const paths = (await listEntries(handle.db, owner)).entries.map((e) => e.path);
    expect(paths).toEqual([
      "src",
      "src/game",
      "src/game/levels",
      "src/game/levels/one.py",
      "src/game/main.py",
      "utils.py",
    ]);
    expect((await getWorkspace(handle.db, owner))?.entry).toBe("src/game/main.py");
    expect((await readFile(handle.db, owner, "src/game/levels/one.py"))?.content).toBe("x = 1");
    await deleteEntry(handle.db, owner, { path: "src/game" });
    expect((await listEntries(handle.db, owner)).entries.map((e) => e.path)).toEqual(["src", "utils.py"]);
    expect((await refusal(deleteEntry(handle.db, owner, { path: "nope.py" }))).code).toBe("not_found");
  });

  it("refuses a stale write with the current content, and a write to a read-only file", async () => {
    const userId = await newUser();
    const ws = await openLessonWorkspace(handle.db, { userId, ...lesson });
    const owner = { userId, workspaceId: ws.id };
    const base = (await readFile(handle.db, owner, "main.py"))?.version ?? 0;
    const first = await writeFile(handle.db, owner, { path: "main.py", content: "tab one", baseVersion: base });
    expect(first.version).toBeGreaterThan(base);
    const stale = await refusal(
      writeFile(handle.db, owner, { path: "main.py", content: "tab two", baseVersion: base }),
    );
    expect(stale.code).toBe("stale");
    expect(stale.current).toEqual({ content: "tab one", version: first.version });
    expect((await readFile(handle.db, owner, "main.py"))?.content).toBe("tab one");
    for (const attempt of [
      () => writeFile(handle.db, owner, { path: "data/words.txt", content: "x", baseVersion: 1 }),
      () => moveEntry(handle.db, owner, { from: "data", to: "info" }),
      () => deleteEntry(handle.db, owner, { path: "data/words.txt" }),
    ]) {
      expect((await refusal(attempt())).code).toBe("read_only");
    }
  });

  it("holds a workspace to 200 entries, 256 KiB per file and 5 MiB in all", async () => {
    const userId = await newUser();
    const ws = await createProject(handle.db, {
      userId,
      name: "Big",
      language: "python",
      files: Array.from({ length: 199 }, (_, i) => ({ path: `f${i}.py`, content: "" })),
    });
    const owner = { userId, workspaceId: ws.id };
    await createEntry(handle.db, owner, { path: "last.py", kind: "file" });
    expect((await refusal(createEntry(handle.db, owner, { path: "one-more.py", kind: "file" }))).message).toBe(
      "A workspace holds at most 200 files and folders.",
    );
    const big = "x".repeat(256 * 1024);
    expect(
      (await refusal(writeFile(handle.db, owner, { path: "f0.py", content: `${big}x`, baseVersion: 1 }))).code,
    ).toBe("limit");
    for (let i = 0; i < 19; i++) {
      const version = (await readFile(handle.db, owner, `f${i}.py`))?.version ?? 0;
      await writeFile(handle.db, owner, { path: `f${i}.py`, content: big, baseVersion: version });
    }
    const version = (await readFile(handle.db, owner, "f19.py"))?.version ?? 0;
    await writeFile(handle.db, owner, { path: "f19.py", content: "x".repeat(255 * 1024), baseVersion: version });
    const over = await refusal(writeFile(handle.db, owner, { path: "f20.py", content: big, baseVersion: 1 }));
    expect(over.message).toMatch(/5 MiB/);
  });

  it("resets a lesson to its starter files, and an old tab's version never matches again", async () => {
    const userId = await newUser();
    const ws = await openLessonWorkspace(handle.db, { userId, ...lesson });
    const owner = { userId, workspaceId: ws.id };
    await createEntry(handle.db, owner, { path: "extra/notes.py", kind: "file" });
    const opened = (await readFile(handle.db, owner, "main.py"))?.version ?? 0;
    const saved = await writeFile(handle.db, owner, { path: "main.py", content: "changed", baseVersion: opened });
    const entries = await resetLessonWorkspace(handle.db, owner, { entry: "main.py", starter });
    expect(entries.map((e) => e.path).sort()).toEqual(["data", "data/words.txt", "main.py"]);
    const after = await readFile(handle.db, owner, "main.py");
    expect(after?.content).toBe("print('hi')\n");
    expect(after?.version).toBeGreaterThan(saved.version);
    const old = await refusal(writeFile(handle.db, owner, { path: "main.py", content: "old tab", baseVersion: 1 }));
    expect(old.code).toBe("stale");
    const project = await createProject(handle.db, { userId, name: "P", language: "python", files: starter });
    const notLesson = resetLessonWorkspace(
      handle.db,
      { userId, workspaceId: project.id },
      { entry: "main.py", starter },
    );
    expect((await refusal(notLesson)).code).toBe("invalid");
  });
});
