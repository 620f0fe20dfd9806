import { afterAll, describe, expect, it } from "vitest";
import { makeApp, postJson } from "./app-testing";
import { type ManifestEntry, type RunRequest, sha256Of, WorkspaceMissing } from "./contract";
import { Engine } from "./engine";
import { docker, ownContainers, roomyWallMs, uniqueId } from "./testing";

const engine = new Engine(docker, { poolSize: 1, sessionIdleMs: 600_000, maxSessions: 8 });
engine.start();
const app = makeApp(engine);

afterAll(async () => {
  await engine.stop();
  expect(await ownContainers()).toEqual([]);
});

type Files = Record<string, string>;

/** Every file's path and hash; content only for `send` (true: all of them). */
function manifest(files: Files, send: string[] | true): ManifestEntry[] {
  return Object.entries(files).map(([path, content]) => ({
    path,
    sha256: sha256Of(content),
    ...(send === true || send.includes(path) ? { content } : {}),
  }));
}

function workspaceRun(userId: string, files: Files, send: string[] | true, extra: Partial<RunRequest> = {}) {
  return {
    id: uniqueId("ws"),
    language: "python" as const,
    workspace: { files: manifest(files, send) },
    session: { userId },
    limits: { wallMs: roomyWallMs },
    ...extra,
  } satisfies RunRequest;
}

async function post(request: RunRequest) {
  const res = await postJson(app, "/v1/executions", request);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const project: Files = {
  "main.py": "from helpers.util import greet\nprint(greet('Ada'))",
  "helpers/__init__.py": "",
  "helpers/util.py": "def greet(name):\n    return 'Hello, ' + name",
};

describe("workspace sessions (real Docker)", () => {
  it("keeps files between runs, so a run sends only what changed; imports between files work", async () => {
    expect(await post(workspaceRun("ws-ada", project, true))).toMatchObject({
      status: 200,
      body: { status: "ok", stdout: "Hello, Ada\n" },
    });
    const container = engine.sessions.containerOf("ws-ada");
    const changed = { ...project, "helpers/util.py": "def greet(name):\n    return 'Hi, ' + name" };
    expect(await post(workspaceRun("ws-ada", changed, ["helpers/util.py"]))).toMatchObject({
      status: 200,
      body: { status: "ok", stdout: "Hi, Ada\n" },
    });
    expect(await post(workspaceRun("ws-ada", changed, []))).toMatchObject({ body: { stdout: "Hi, Ada\n" } });
    expect(engine.sessions.containerOf("ws-ada")).toBe(container);
  });

  it("answers 409 with the missing paths, and runs the same id once they are sent", async () => {
    const first = workspaceRun("ws-new", project, ["main.py"]);
    const missing = await post(first);
    expect(missing.status).toBe(409);
    expect(WorkspaceMissing.parse(missing.body).missing.sort()).toEqual(["helpers/__init__.py", "helpers/util.py"]);
    const resend = { ...first, workspace: { files: manifest(project, true) } };
    expect(await post(resend)).toMatchObject({ status: 200, body: { id: first.id, stdout: "Hello, Ada\n" } });
    // The sandbox now has them; a file it never saw is asked for by the supervisor itself.
    const added = { ...project, "extra.py": "X = 1" };
    const again = await post(workspaceRun("ws-new", added, []));
    expect(again).toMatchObject({ status: 409, body: { missing: ["extra.py"] } });
  });

  it("makes /workspace exactly the manifest: unlisted files are deleted, a run's own changes are not kept", async () => {
    const files: Files = {
      "main.py":
        "open('main.py', 'a').write('\\nprint(1)')\nopen('made.txt', 'w').write('x')\nimport os\nos.remove('b.py')",
      "b.py": "B = 2",
    };
    expect(await post(workspaceRun("ws-tidy", files, true))).toMatchObject({ body: { status: "ok" } });
    const listing = "import os\nprint(sorted(os.listdir('.')), open('b.py').read())";
    const next = { "main.py": listing, "b.py": "B = 2" };
    expect(await post(workspaceRun("ws-tidy", next, ["main.py"]))).toMatchObject({
      body: { status: "ok", stdout: "['b.py', 'main.py'] B = 2\n" },
    });
    const fewer = { "main.py": listing.replace(", open('b.py').read()", "") };
    expect(await post(workspaceRun("ws-tidy", fewer, true))).toMatchObject({ body: { stdout: "['main.py']\n" } });
  });

  it("never crosses users: another learner's hashes are unknown in my sandbox, their files invisible", async () => {
    const secret = { "main.py": "print(open('secret.txt').read())", "secret.txt": "ada's secret" };
    expect(await post(workspaceRun("ws-owner", secret, true))).toMatchObject({ body: { stdout: "ada's secret\n" } });
    const probe = await post(
      workspaceRun(
        "ws-prober",
        { "main.py": "import os\nprint(os.listdir('.'))", ...{ "secret.txt": "ada's secret" } },
        ["main.py"],
      ),
    );
    expect(probe).toMatchObject({ status: 409, body: { missing: ["secret.txt"] } });
    const look = await post(workspaceRun("ws-prober", { "main.py": "import os\nprint(os.listdir('.'))" }, true));
    expect(look).toMatchObject({ body: { stdout: "['main.py']\n" } });
    expect(engine.sessions.containerOf("ws-prober")).not.toBe(engine.sessions.containerOf("ws-owner"));
  });

  it("runs both languages in one learner's sandbox, with the entry file chosen by the request", async () => {
    const files: Files = {
      "main.py": "print('python')",
      "app.js": "const { twice } = require('./lib/twice.js');\nconsole.log('node', twice(21));",
      "lib/twice.js": "module.exports = { twice: (n) => n * 2 };",
    };
    expect(await post(workspaceRun("ws-both", files, true))).toMatchObject({ body: { stdout: "python\n" } });
    const container = engine.sessions.containerOf("ws-both");
    const js = workspaceRun("ws-both", files, [], { language: "javascript", entry: "app.js" });
    expect(await post(js)).toMatchObject({ status: 200, body: { status: "ok", stdout: "node 42\n" } });
    expect(engine.sessions.containerOf("ws-both")).toBe(container);
  });

  it("refuses a bad manifest: content not matching its hash, a file used as a folder, no session", async () => {
    const wrong = workspaceRun("ws-bad", project, true);
    const [first] = wrong.workspace.files;
    if (first) first.sha256 = sha256Of("something else");
    expect((await post(wrong)).status).toBe(400);
    expect((await post(workspaceRun("ws-bad", { a: "1", "a/b.py": "2" }, true))).status).toBe(400);
    const { session: _, ...anonymous } = workspaceRun("ws-bad", project, true);
    expect((await post(anonymous as RunRequest)).status).toBe(400);
  });
});
