import { afterAll, describe, expect, it } from "vitest";
import { guestSessionPrefix, type RunnerLanguage, type RunRequest } from "./contract";
import { Engine } from "./engine";
import { languages } from "./languages";
import { containerExists, docker, ownContainers, processesOf, requireSandbox, roomyWallMs, uniqueId } from "./testing";

const engine = new Engine(docker, { poolSize: 1, sessionIdleMs: 60_000, maxSessions: 8 });
engine.start();

afterAll(async () => {
  await engine.stop();
  expect(await ownContainers()).toEqual([]);
});

function sessionRun(
  userId: string,
  content: string,
  language: RunnerLanguage = "python",
  extra: Pick<RunRequest, "limits"> = {},
) {
  const request: RunRequest = {
    id: uniqueId("session"),
    language,
    files: [{ path: languages[language].defaultEntry, content }],
    session: { userId },
    limits: { wallMs: roomyWallMs, ...extra.limits },
  };
  return requireSandbox().then(() => engine.run(request));
}

// Sandbox starts (a Python sandbox preloads pandas) take several times longer while other work keeps both
// cores busy; limits below leave room for that too.
const slow = 120_000;

const listing =
  "import os\nprint(sorted(p for p in os.listdir('/proc') if p.isdigit()), os.listdir('.'), os.listdir('/tmp'))";

describe.concurrent("session mode (real Docker)", () => {
  it(
    "reuses one sandbox per user and never shares it",
    async () => {
      await sessionRun("ada", "open('/workspace/secret', 'w').write('ada')\nprint('a1')");
      const first = engine.sessions.containerOf("ada");
      const again = await sessionRun("ada", "print('a2')");
      expect(again).toMatchObject({ status: "ok", stdout: "a2\n" });
      expect(engine.sessions.containerOf("ada")).toBe(first);

      const other = await sessionRun(
        "grace",
        "import os\nprint(os.listdir('/workspace'), os.path.exists('/tmp/secret'))",
      );
      expect(other).toMatchObject({ status: "ok", stdout: "['main.py'] False\n" });
      expect(engine.sessions.containerOf("grace")).not.toBe(first);
    },
    slow,
  );

  it(
    "kills every process of a run and empties the scratch space before the next",
    async () => {
      const plant = [
        "import os, signal, time",
        "open('/tmp/left', 'w').write('x')",
        "os.makedirs('/workspace/locked/deep')",
        "os.chmod('/workspace/locked', 0)",
        "os.symlink('/tmp/evil', '/workspace/main-link.py')",
        "if os.fork() == 0:",
        "    os.setsid()",
        "    signal.signal(signal.SIGTERM, signal.SIG_IGN)",
        "    while True:",
        "        time.sleep(1)",
        "print('planted')",
      ].join("\n");
      expect(await sessionRun("lin", plant)).toMatchObject({ status: "ok", stdout: "planted\n" });
      const next = await sessionRun("lin", listing);
      expect(next.status).toBe("ok");
      // Only the supervisor (1) and this run's own process are alive; only this run's file is there.
      expect(next.stdout).toMatch(/^\['1', '\d+'\] \['main.py'\] \[\]\n$/);
    },
    slow,
  );

  it(
    "stops a run at its limit and keeps the sandbox for the user's next run",
    async () => {
      const spin = await sessionRun("kay", "print('busy', flush=True)\nwhile True:\n    pass", "python", {
        limits: { cpuMs: 300, wallMs: 15_000 },
      });
      expect(spin).toMatchObject({ status: "cpu_limit", stdout: "busy\n" });
      const id = engine.sessions.containerOf("kay");
      const after = await sessionRun("kay", listing);
      expect(after.stdout).toMatch(/^\['1', '\d+'\] \['main.py'\] \[\]\n$/);
      expect(engine.sessions.containerOf("kay")).toBe(id);
    },
    slow,
  );

  it(
    "kills a Node.js program's daemon and keeps the sandbox for the user's next run",
    async () => {
      const daemon = "require('child_process').spawn('sleep', ['100'], { detached: true, stdio: 'ignore' }).unref();";
      const roomy = { limits: { wallMs: 15_000 } };
      expect(await sessionRun("node-user", daemon, "javascript", roomy)).toMatchObject({ status: "ok" });
      const id = engine.sessions.containerOf("node-user");
      expect(id).toBeDefined();
      const next = await sessionRun(
        "node-user",
        "console.log(require('fs').readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length)",
        "javascript",
        roomy,
      );
      // The supervisor (PID 1) and this run's node: the daemon was killed and reaped.
      expect(next).toMatchObject({ status: "ok", stdout: "2\n" });
      expect(engine.sessions.containerOf("node-user")).toBe(id);
    },
    slow,
  );
});

/** Runs `use` with an engine of its own, stopped afterwards; `poolSize` 0: no pool stock, nothing preloaded. */
async function withEngine(poolSize: number, use: (engine: Engine) => Promise<void>): Promise<void> {
  const own = new Engine(docker, { poolSize, sessionIdleMs: 60_000, maxSessions: 2 });
  own.start();
  try {
    await use(own);
  } finally {
    await own.stop();
  }
}

/** Runs Python files in `own`: in `userId`'s session when one is named, else one-shot. */
function runPythonIn(own: Engine, files: RunRequest["files"], userId?: string) {
  return requireSandbox().then(() =>
    own.run({
      id: uniqueId("lazy"),
      language: "python",
      files,
      ...(userId ? { session: { userId } } : {}),
      limits: { wallMs: roomyWallMs },
    }),
  );
}

describe("lazy preloading (real Docker)", () => {
  it(
    "starts a session without pandas and imports it once one of its programs used it",
    () =>
      // No pool stock: the session's sandbox is handed over the moment Python is up, nothing preloaded.
      withEngine(0, async (lazy) => {
        const run = (content: string) => runPythonIn(lazy, [{ path: "main.py", content }], "lazy-user");
        // Module names spelled so that no program names them: nothing is preloaded because of a program's text.
        const probe = "import sys\nprint('pan' + 'das' in sys.modules, 'matplot' + 'lib.pyplot' in sys.modules)";
        expect(await run(probe)).toMatchObject({ status: "ok", stdout: "False False\n" });
        const id = lazy.sessions.containerOf("lazy-user");
        const plot = [
          "pd = __import__('pan' + 'das')",
          "import importlib",
          "plt = importlib.import_module('matplot' + 'lib.pyplot')",
          "plt.plot([1, 2, 3])",
          "plt.show()",
          "print(int(pd.Series(range(4)).sum()))",
        ].join("\n");
        // pyplot imported by the program itself: show() still sends the figure (no Agg warning).
        const plotted = await run(plot);
        expect(plotted).toMatchObject({ status: "ok", stdout: "6\n", stderr: "" });
        expect(plotted.images).toHaveLength(1);
        await lazy.sessions.idle();
        expect(await run(probe)).toMatchObject({ status: "ok", stdout: "True True\n" });
        expect(lazy.sessions.containerOf("lazy-user")).toBe(id);
        expect((await run(plot)).images).toHaveLength(1);
      }),
    slow,
  );

  it(
    "imports matplotlib into the supervisor without reading a matplotlibrc the learner wrote",
    () =>
      withEngine(0, async (lazy) => {
        // An rc file is code for matplotlib (a cycler is eval'd). This one is a file of the learner's workspace,
        // so it is in the working directory when the preload their import asked for runs.
        const run = (content: string) =>
          runPythonIn(
            lazy,
            [
              { path: "main.py", content },
              { path: "matplotlibrc", content: "figure.dpi: 17\n" },
            ],
            "rc-user",
          );
        const probe =
          "import sys\nm = sys.modules.get('matplot' + 'lib')\nprint(m is not None, m and m.rcParams['figure.dpi'])";
        expect(await run("print('up')")).toMatchObject({ status: "ok" });
        // A terminal open in the sandbox (any `docker exec` process counts) keeps /workspace between runs.
        const id = lazy.sessions.containerOf("rc-user");
        if (!id) throw new Error("the session has no sandbox");
        const shell = await docker.getContainer(id).exec({ Cmd: ["sleep", "600"], User: "61000:61000" });
        await shell.start({ Detach: true });
        // The learner's own import reads it (their process, their choice)...
        const own = "m = __import__('matplot' + 'lib')\nprint(m.rcParams['figure.dpi'])";
        expect(await run(own)).toMatchObject({ status: "ok", stdout: "17.0\n" });
        await lazy.sessions.idle();
        // ...the supervisor's does not.
        expect(await run(probe)).toMatchObject({ status: "ok", stdout: "True 100.0\n" });
      }),
    slow,
  );

  it(
    "imports the heavy modules before a program that names them runs in a bare sandbox",
    () =>
      withEngine(0, async (lazy) => {
        const program = "import sys\nprint('pandas' in sys.modules)";
        const result = await runPythonIn(lazy, [{ path: "main.py", content: program }]);
        expect(result).toMatchObject({ status: "ok", stdout: "True\n" });
      }),
    slow,
  );
});

describe("lazy preloading in the one-shot pool (real Docker)", () => {
  it(
    "keeps half its stock preloaded and gives it to programs that name pandas, the rest to the others",
    async () => {
      await requireSandbox();
      await withEngine(2, async (pool) => {
        await pool.pool.warm(slow);
        const run = (content: string) => runPythonIn(pool, [{ path: "main.py", content }]);
        // The module's name spelled so that the probe itself does not name it.
        const probe = "import sys\nprint('pan' + 'das' in sys.modules)";
        expect(await run(probe)).toMatchObject({ status: "ok", stdout: "False\n" });
        expect(await run(`import pandas\n${probe}`)).toMatchObject({ status: "ok", stdout: "True\n" });
      });
    },
    slow,
  );
});

describe("session reaping (real Docker)", () => {
  it(
    "reaps a guest's session after its shorter idle time and keeps a user's",
    async () => {
      const short = new Engine(docker, {
        poolSize: 0,
        sessionIdleMs: 600_000,
        guestSessionIdleMs: 3_000,
        maxSessions: 2,
      });
      short.start();
      try {
        const guest = `${guestSessionPrefix}${"G".repeat(22)}`;
        const user = crypto.randomUUID();
        // The user first: the guest's sandbox must still be there when its run answers.
        for (const id of [user, guest]) {
          await requireSandbox();
          const request: RunRequest = {
            id: uniqueId("idle"),
            language: "python",
            files: [{ path: "main.py", content: "print(1)" }],
            session: { userId: id },
            limits: { wallMs: roomyWallMs },
          };
          expect(await short.run(request)).toMatchObject({ status: "ok" });
        }
        const guestContainer = short.sessions.containerOf(guest);
        expect(guestContainer).toBeDefined();
        // The reaper's own timer (every 750 ms here) does it: wait for the guest's sandbox to go.
        const deadline = Date.now() + 60_000;
        while (short.sessions.containerOf(guest) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        expect(short.sessions.containerOf(guest)).toBeUndefined();
        expect(short.sessions.containerOf(user)).toBeDefined();
        await short.settled();
        expect(await containerExists(guestContainer ?? "")).toBe(false);
      } finally {
        await short.stop();
      }
    },
    slow,
  );

  it(
    "reaps a session after its idle timeout",
    async () => {
      await sessionRun("idle", "print(1)");
      const id = engine.sessions.containerOf("idle");
      expect(id).toBeDefined();
      engine.sessions.reap(Date.now() + 60_001);
      await engine.settled();
      expect(engine.sessions.containerOf("idle")).toBeUndefined();
      expect(await containerExists(id ?? "")).toBe(false);
      expect(await processesOf(id ?? "")).toEqual([]);
    },
    slow,
  );
});
