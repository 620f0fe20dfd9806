import { createProject, createUser, listWorkspaceFiles, writeFile } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import type { TerminalFilesClient } from "@codeyard/inngest";
import type { TerminalManifest, TerminalWriteRequest } from "@codeyard/runner/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("syncTerminal (real Postgres)", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("fills a fresh sandbox, saves what the terminal wrote, and sends the editor's saves", async () => {
    const { db } = handle;
    const userId = (await createUser(db, { username: "term1", passwordHash: "h", ageGroup: "8-11" })).id;
    const ws = await createProject(db, {
      userId,
      name: "T",
      language: "python",
      files: [{ path: "main.py", content: "print(1)" }],
    });
    const sandbox = memorySandbox();
    sandbox.files.set("leftover.txt", "another workspace's");
    const first = await syncTerminal(db, sandbox, { userId, workspaceId: ws.id, base: null });
    expect(sandbox.files).toEqual(new Map([["main.py", "print(1)"]]));
    expect(sandbox.tag).toBe(ws.id);
    if (!first.sandbox) throw new Error("expected a sandbox");

    sandbox.files.set("notes.txt", "from the terminal");
    sandbox.files.set("main.py", "print(2)");
    const second = await syncTerminal(db, sandbox, { userId, workspaceId: ws.id, base: first.base });
    if (!second.sandbox) throw new Error("expected a sandbox");
    expect(second.pulled.sort()).toEqual(["main.py", "notes.txt"]);
    expect(second.entries?.map((e) => e.path)).toEqual(["main.py", "notes.txt"]);
    expect(await listWorkspaceFiles(db, { userId, workspaceId: ws.id })).toEqual([
      { path: "main.py", content: "print(2)" },
      { path: "notes.txt", content: "from the terminal" },
    ]);

    const saved = second.entries?.find((e) => e.path === "main.py")?.version ?? 0;
    await writeFile(db, { userId, workspaceId: ws.id }, { path: "main.py", content: "print(3)", baseVersion: saved });
    sandbox.files.delete("notes.txt");
    const third = await syncTerminal(db, sandbox, { userId, workspaceId: ws.id, base: second.base });
    if (!third.sandbox) throw new Error("expected a sandbox");
    expect(sandbox.files.get("main.py")).toBe("print(3)");
    expect(third.pushed).toEqual(["main.py"]);
    expect((await listWorkspaceFiles(db, { userId, workspaceId: ws.id })).map((f) => f.path)).toEqual(["main.py"]);
  });

  it("refuses another user's workspace", async () => {
    const { db } = handle;
    const owner = (await createUser(db, { username: "term2", passwordHash: "h", ageGroup: "8-11" })).id;
    const other = (await createUser(db, { username: "term3", passwordHash: "h", ageGroup: "8-11" })).id;
    const ws = await createProject(db, {
      userId: owner,
      name: "T",
      language: "python",
      files: [{ path: "a.py", content: "" }],
    });
    await expect(syncTerminal(db, memorySandbox(), { userId: other, workspaceId: ws.id, base: null })).rejects.toThrow(
      /not yours/,
    );
  });
});
