import {
  createDb,
  createProject,
  createUser,
  type DbHandle,
  getSyncBase,
  listWorkspaceFiles,
  writeFile,
} from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import type { TerminalManifest, TerminalWriteRequest } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TerminalFilesClient } from "./terminal-client";
import { planSync, sha256, syncTerminal } from "./terminal-sync";

describe("planSync", () => {
  const a = sha256("a");
  const b = sha256("b");
  const c = sha256("c");

  it("mirrors the saved files into a sandbox it has no common base with", () => {
    const plan = planSync(
      new Map([
        ["x.py", b],
        ["stray.txt", c],
      ]),
      new Map([
        ["x.py", a],
        ["main.py", a],
      ]),
      null,
    );
    expect(plan).toEqual({ push: ["x.py", "main.py"], remove: ["stray.txt"], pull: [], drop: [] });
  });

  it("sends each side's changes to the other; the editor wins a change on both", () => {
    const base = { "same.py": a, "terminal.py": a, "editor.py": a, "both.py": a, "gone.txt": a, "deleted.py": a };
    const sandbox = new Map<string, string | null>([
      ["same.py", a],
      ["terminal.py", b],
      ["editor.py", a],
      ["both.py", b],
      ["deleted.py", a],
      ["new.csv", c],
      ["big.bin", null],
    ]);
    const saved = new Map([
      ["same.py", a],
      ["terminal.py", a],
      ["editor.py", b],
      ["both.py", c],
      ["gone.txt", a],
    ]);
    expect(planSync(sandbox, saved, base)).toEqual({
      push: ["editor.py", "both.py"],
      remove: ["deleted.py"],
      pull: ["terminal.py", "new.csv"],
      drop: ["gone.txt"],
    });
  });

  it("never takes a read-only file from the sandbox", () => {
    const plan = planSync(
      new Map([["lesson.md", b]]),
      new Map([["lesson.md", a]]),
      { "lesson.md": a },
      new Set(["lesson.md"]),
    );
    expect(plan).toEqual({ push: ["lesson.md"], remove: [], pull: [], drop: [] });
  });
});

/** A sandbox's /workspace held in memory, answering as the runner's file routes do. */
function memorySandbox(): TerminalFilesClient & { files: Map<string, string>; tag: string | null } {
  const files = new Map<string, string>();
  const box = {
    files,
    tag: null as string | null,
    async list(): Promise<TerminalManifest> {
      return {
        sandbox: true,
        files: [...files].map(([path, content]) => ({ path, sha256: sha256(content), size: content.length })),
        truncated: false,
        tag: box.tag,
      };
    },
    async read(_userId: string, paths: string[]) {
      return { files: paths.filter((p) => files.has(p)).map((path) => ({ path, content: files.get(path) ?? "" })) };
    },
    async write(request: TerminalWriteRequest) {
      for (const path of request.remove) files.delete(path);
      for (const file of request.write) files.set(file.path, file.content);
      if (request.tag) box.tag = request.tag;
      return { failed: [] };
    },
  };
  return box;
}

/** The same sync against real Postgres and the embedded PGlite, which runs locally and in many tests. */
describe.each([
  ["real Postgres", () => createTestDb()],
  [
    "PGlite",
    async () => {
      const handle = createDb({});
      await handle.migrate();
      return handle;
    },
  ],
] as const)("syncTerminal (%s)", (_name, open) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function project(username: string, files = [{ path: "main.py", content: "print(1)" }]) {
    const { db } = handle;
    const userId = (await createUser(db, { username, passwordHash: "h", ageGroup: "8-11" })).id;
    const ws = await createProject(db, { userId, name: "T", language: "python", files });
    return { userId, workspaceId: ws.id };
  }

  it("fills a fresh sandbox, saves what the terminal wrote, and sends the editor's saves", async () => {
    const { db } = handle;
    const owner = await project("term1");
    const sandbox = memorySandbox();
    sandbox.files.set("leftover.txt", "another workspace's");
    const first = await syncTerminal(db, sandbox, owner);
    expect(sandbox.files).toEqual(new Map([["main.py", "print(1)"]]));
    expect(sandbox.tag).toBe(owner.workspaceId);
    if (!first.sandbox) throw new Error("expected a sandbox");
    expect(await getSyncBase(db, owner)).toEqual({ "main.py": sha256("print(1)") });

    sandbox.files.set("notes.txt", "from the terminal");
    sandbox.files.set("main.py", "print(2)");
    const second = await syncTerminal(db, sandbox, owner);
    if (!second.sandbox) throw new Error("expected a sandbox");
    expect(second.pulled.sort()).toEqual(["main.py", "notes.txt"]);
    expect(await listWorkspaceFiles(db, owner)).toEqual([
      { path: "main.py", content: "print(2)" },
      { path: "notes.txt", content: "from the terminal" },
    ]);

    const [main] = await listWorkspaceFiles(db, owner);
    expect(main?.content).toBe("print(2)");
    const { listEntries } = await import("@codeyard/drizzle");
    const saved = (await listEntries(db, owner)).entries.find((e) => e.path === "main.py")?.version ?? 0;
    await writeFile(db, owner, { path: "main.py", content: "print(3)", baseVersion: saved });
    sandbox.files.delete("notes.txt");
    const third = await syncTerminal(db, sandbox, owner);
    if (!third.sandbox) throw new Error("expected a sandbox");
    expect(sandbox.files.get("main.py")).toBe("print(3)");
    expect(third.pushed).toEqual(["main.py"]);
    expect((await listWorkspaceFiles(db, owner)).map((f) => f.path)).toEqual(["main.py"]);
  });

  it("without a workspace named, syncs the one the sandbox holds and leaves an untagged sandbox alone", async () => {
    const { db } = handle;
    const owner = await project("term4");
    const sandbox = memorySandbox();
    sandbox.files.set("stray.txt", "not yet anyone's");
    expect(await syncTerminal(db, sandbox, { userId: owner.userId })).toMatchObject({
      sandbox: true,
      workspaceId: null,
    });
    expect(sandbox.files.has("stray.txt")).toBe(true);

    await syncTerminal(db, sandbox, owner);
    sandbox.files.set("late.txt", "late\n");
    const round = await syncTerminal(db, sandbox, { userId: owner.userId });
    expect(round).toMatchObject({ sandbox: true, workspaceId: owner.workspaceId, pulled: ["late.txt"] });
    expect((await listWorkspaceFiles(db, owner)).find((f) => f.path === "late.txt")?.content).toBe("late\n");
  });

  it("runs one sync at a time per user, so concurrent rounds save a file once", async () => {
    const { db } = handle;
    const owner = await project("term5");
    const sandbox = memorySandbox();
    await syncTerminal(db, sandbox, owner);
    let inside = 0;
    let overlapped = false;
    const slow: TerminalFilesClient = {
      ...sandbox,
      async list(userId) {
        inside++;
        if (inside > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
        const answer = await sandbox.list(userId);
        inside--;
        return answer;
      },
    };
    sandbox.files.set("out.csv", "a,b\n");
    const rounds = await Promise.all([
      syncTerminal(db, slow, owner),
      syncTerminal(db, slow, { userId: owner.userId }),
      syncTerminal(db, slow, owner),
    ]);
    expect(overlapped).toBe(false);
    const pulled = rounds.flatMap((r) => (r.sandbox ? r.pulled : []));
    expect(pulled).toEqual(["out.csv"]);
    expect(rounds.flatMap((r) => (r.sandbox ? r.skipped : []))).toEqual([]);
    expect((await listWorkspaceFiles(db, owner)).map((f) => f.path)).toEqual(["main.py", "out.csv"]);
  });

  it("refuses another user's workspace", async () => {
    const { db } = handle;
    const { workspaceId } = await project("term2", [{ path: "a.py", content: "" }]);
    const other = (await createUser(db, { username: "term3", passwordHash: "h", ageGroup: "8-11" })).id;
    await expect(syncTerminal(db, memorySandbox(), { userId: other, workspaceId })).rejects.toThrow(/not yours/);
  });
});
