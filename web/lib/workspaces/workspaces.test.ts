import { createEntry, createProject, createUser, WorkspaceError, writeFile } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Refusal } from "@/lib/server/http";
import { workspaceErrorResponse } from "./errors";
import { CreateEntryBody, WriteFileBody } from "./request";
import { WorkspaceRunBody, workspaceRunFiles } from "./run-files";

describe("workspace answers", () => {
  it("maps a stale write to 409 with a sentence and the current content", async () => {
    const response = workspaceErrorResponse(
      new WorkspaceError("stale", '"main.py" changed since you opened it.', { content: "saved", version: 7 }),
      "save your work",
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: '"main.py" changed since you opened it.',
      code: "stale",
      current: { content: "saved", version: 7 },
    });
  });

  it("answers 404, 403 and 413 with the verb's sentence, and 503 when the database fails", async () => {
    for (const [code, status] of [
      ["not_found", 404],
      ["read_only", 403],
      ["limit", 413],
      ["exists", 409],
    ] as const) {
      const response = workspaceErrorResponse(new WorkspaceError(code, `sentence for ${code}.`), "x");
      expect(response.status).toBe(status);
      expect((await response.json()).error).toBe(`sentence for ${code}.`);
    }
    const down = workspaceErrorResponse(new Error("ECONNREFUSED"), "save your work");
    expect(down.status).toBe(503);
    expect((await down.json()).error).toMatch(/^Codeyard cannot save your work right now/);
  });

  it("says what is wrong with a body", () => {
    expect(WriteFileBody.safeParse({ path: "a.py", content: "x" }).error?.issues[0]?.message).toBe(
      "baseVersion must be the version the file was opened at",
    );
    expect(CreateEntryBody.safeParse({ path: "a", kind: "link" }).success).toBe(false);
    expect(WorkspaceRunBody.safeParse({ workspaceId: "nope", entry: "main.py" }).error?.issues[0]?.message).toBe(
      "This workspace does not exist or is not yours.",
    );
  });
});

describe("files of a workspace run (real Postgres)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("sends every file so imports work, runs only the owner's workspace, and keeps to the runner's limits", async () => {
    const { db } = handle;
    const userId = (await createUser(db, { username: "runner1", passwordHash: "h", ageGroup: "8-11" })).id;
    const other = (await createUser(db, { username: "runner2", passwordHash: "h", ageGroup: "8-11" })).id;
    const ws = await createProject(db, {
      userId,
      name: "P",
      language: "python",
      files: [{ path: "main.py", content: "from utils import hi\nhi()" }],
    });
    const owner = { userId, workspaceId: ws.id };
    await createEntry(db, owner, { path: "utils.py", kind: "file", content: "def hi(): print('hi')" });
    const run = await workspaceRunFiles(db, userId, { workspaceId: ws.id, entry: "main.py" });
    expect(run).toEqual({
      language: "python",
      files: [
        { path: "main.py", content: "from utils import hi\nhi()" },
        { path: "utils.py", content: "def hi(): print('hi')" },
      ],
    });
    const refused = async (promise: Promise<unknown>) => {
      const error = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Refusal);
      return error as Refusal;
    };
    expect((await refused(workspaceRunFiles(db, other, { workspaceId: ws.id, entry: "main.py" }))).status).toBe(404);
    const missing = await refused(workspaceRunFiles(db, userId, { workspaceId: ws.id, entry: "nope.py" }));
    expect([missing.status, missing.message]).toEqual([400, 'There is no file "nope.py" to run in this workspace.']);
    // A run goes to the session sandbox as a manifest: the workspace's own limits apply, not one-file runs' 64 KiB.
    await writeFile(db, owner, { path: "utils.py", content: "x".repeat(65 * 1024), baseVersion: 2 });
    for (let i = 0; i < 30; i++) await createEntry(db, owner, { path: `m${i}.py`, kind: "file", content: "" });
    const large = await workspaceRunFiles(db, userId, { workspaceId: ws.id, entry: "main.py" });
    expect(large.files).toHaveLength(32);
    expect(large.files.find((f) => f.path === "utils.py")?.content).toHaveLength(65 * 1024);
  });
});
