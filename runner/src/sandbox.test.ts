import { sandboxUser } from "@codeyard/sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { limitDefaults } from "./contract";
import { checkSandbox, createDocker } from "./docker";
import { WarmSandbox } from "./sandbox";
import { docker, image, ownContainers, releaseTestPool, runPython, uniqueId } from "./testing";

afterAll(async () => {
  await releaseTestPool();
  expect(await ownContainers()).toEqual([]);
});

describe.concurrent("a warm sandbox (real Docker, session mode)", () => {
  it("captures normal output, UTF-8 included", async () => {
    const result = await runPython("print('hello')\nprint('héllo ✓')");
    expect(result).toMatchObject({ status: "ok", exitCode: 0, signal: null, stderr: "", truncated: false });
    expect(result.stdout).toBe("hello\nhéllo ✓\n");
    expect(result.wallMs).toBeGreaterThan(0);
  });

  it("reports a runtime error with its traceback and exit code 1", async () => {
    const result = await runPython("def f():\n    return 1 / 0\nprint('before')\nf()");
    expect(result).toMatchObject({ status: "runtime_error", exitCode: 1, signal: null, stdout: "before\n" });
    expect(result.stderr).toContain("Traceback (most recent call last)");
    expect(result.stderr).toContain('File "/workspace/main.py", line 2, in f');
    expect(result.stderr).toContain("ZeroDivisionError: division by zero");
  });

  it("names the signal that killed the program", async () => {
    const result = await runPython("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)");
    expect(result).toMatchObject({ status: "runtime_error", exitCode: 139, signal: "SIGSEGV" });
  });

  it("stops an infinite loop at the wall limit", async () => {
    const result = await runPython("print('spinning', flush=True)\nwhile True:\n    pass", {
      limits: { wallMs: 4000 },
    });
    expect(result).toMatchObject({ status: "timeout", signal: null, stdout: "spinning\n" });
    expect(result.wallMs).toBeGreaterThanOrEqual(4000);
    expect(result.wallMs).toBeLessThan(12_000);
  });

  it("reports memory_limit when the kernel OOM-kills a memory bomb", async () => {
    const result = await runPython("chunks = []\nwhile True:\n    chunks.append(' ' * 10_000_000)", {
      limits: { memoryMb: 64, wallMs: 15_000 },
    });
    expect(result).toMatchObject({ status: "memory_limit", exitCode: 137, signal: null });
  });

  it("cuts an output flood at the cap and stops the program", async () => {
    const result = await runPython("import sys\nwhile True:\n    sys.stdout.write('x' * 4096)", {
      limits: { wallMs: 15_000 },
    });
    expect(result).toMatchObject({ status: "output_limit", truncated: true });
    expect(result.stdout.length).toBe(limitDefaults.outputBytes);
    expect(result.stdout).toMatch(/^x+$/);
    expect(result.wallMs).toBeLessThan(12_000);
  });

  it("cuts a flood on stderr on a UTF-8 character boundary", async () => {
    const result = await runPython("import sys\nwhile True:\n    sys.stderr.write('✓' * 1000)", {
      limits: { outputBytes: 1024 },
    });
    expect(result).toMatchObject({ status: "output_limit", truncated: true, stdout: "" });
    // 1024 bytes hold 341 three-byte characters; the partial 342nd is dropped, not shown as U+FFFD.
    expect(result.stderr).toBe("✓".repeat(341));
  });

  it("feeds stdin and then EOF, so reading past it never hangs", async () => {
    const echo = await runPython(
      "import sys\ndata = sys.stdin.read()\nprint(data.upper(), end='')\nprint(repr(sys.stdin.read()))",
      {
        stdin: "line one\nline two\n",
      },
    );
    expect(echo).toMatchObject({ status: "ok", stdout: "LINE ONE\nLINE TWO\n''\n" });

    const tooFew = await runPython("a = input()\nprint('got', a)\nb = input()\nprint('never')", { stdin: "only\n" });
    expect(tooFew).toMatchObject({ status: "runtime_error", exitCode: 1, stdout: "got only\n" });
    expect(tooFew.stderr).toContain("EOFError");

    const none = await runPython("import sys\nprint(repr(sys.stdin.read()))");
    expect(none).toMatchObject({ status: "ok", stdout: "''\n" });
  });

  it("runs main.py of a multi-file program, else the first file", async () => {
    const multi = await runPython([
      { path: "pkg/util.py", content: "def greet(name):\n    return f'hi {name}'\n" },
      { path: "helper.py", content: "VALUE = 42\n" },
      { path: "main.py", content: "from pkg.util import greet\nimport helper\nprint(greet('ada'), helper.VALUE)" },
    ]);
    expect(multi).toMatchObject({ status: "ok", stdout: "hi ada 42\n" });

    const single = await runPython([
      { path: "solve.py", content: "import sys\nprint(sys.argv[0])" },
      { path: "data.txt", content: "x" },
    ]);
    expect(single).toMatchObject({ status: "ok", stdout: "solve.py\n" });
  });

  it("has no network: only lo, no routes, host ports on 127.0.0.1 closed", async () => {
    const program = [
      "import json, socket",
      "ifaces = [l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:]]",
      "routes = open('/proc/net/route').read().splitlines()[1:]",
      "ports = {}",
      "for port in (8787, 5432, 6379):",
      "    s = socket.socket()",
      "    s.settimeout(1)",
      "    try:",
      "        s.connect(('127.0.0.1', port))",
      "        ports[port] = 'open'",
      "    except OSError as e:",
      "        ports[port] = type(e).__name__",
      "    finally:",
      "        s.close()",
      "print(json.dumps({'ifaces': ifaces, 'routes': routes, 'ports': ports}))",
    ].join("\n");
    const result = await runPython(program);
    expect(result.status).toBe("ok");
    expect(JSON.parse(result.stdout)).toEqual({
      ifaces: ["lo"],
      routes: [],
      ports: { "8787": "ConnectionRefusedError", "5432": "ConnectionRefusedError", "6379": "ConnectionRefusedError" },
    });
  });

  it("runs as the sandbox uid with a read-only root, no capabilities and a clean env", async () => {
    const program = [
      "import json, os",
      "def try_write(path):",
      "    try:",
      "        open(path, 'w').write('x')",
      "        return 'ok'",
      "    except OSError as e:",
      "        return e.strerror",
      "status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)",
      "print(json.dumps({",
      "    'uid': os.getuid(), 'gid': os.getgid(), 'cwd': os.getcwd(),",
      "    'root': try_write('/etc/codeyard'), 'usr': try_write('/usr/local/x'),",
      "    'workspace': try_write('/workspace/out.txt'), 'tmp': try_write('/tmp/out.txt'),",
      "    'capEff': status['CapEff'].strip(), 'noNewPrivs': status['NoNewPrivs'].strip(),",
      "    'env': sorted(os.environ), 'home': os.environ['HOME'], 'nofile': os.sysconf('SC_OPEN_MAX'),",
      "}))",
    ].join("\n");
    const result = await runPython(program);
    expect(result.status).toBe("ok");
    expect(JSON.parse(result.stdout)).toEqual({
      uid: sandboxUser.uid,
      gid: sandboxUser.gid,
      cwd: "/workspace",
      root: "Read-only file system",
      usr: "Read-only file system",
      workspace: "ok",
      tmp: "ok",
      capEff: "0000000000000000",
      noNewPrivs: "1",
      env: ["HOME", "LANG", "MPLBACKEND", "MPLCONFIGDIR", "OPENBLAS_NUM_THREADS", "PATH"],
      home: "/workspace",
      nofile: 256,
    });
  });

  it("caps the number of processes and threads", async () => {
    const program = [
      "import threading, time",
      "threads = []",
      "try:",
      "    for _ in range(200):",
      "        t = threading.Thread(target=time.sleep, args=(5,), daemon=True)",
      "        t.start()",
      "        threads.append(t)",
      "except RuntimeError as e:",
      "    print('stopped at', len(threads))",
    ].join("\n");
    const result = await runPython(program);
    expect(result.status).toBe("ok");
    const started = Number(/stopped at (\d+)/.exec(result.stdout)?.[1]);
    expect(started).toBeGreaterThan(10);
    expect(started).toBeLessThan(64);
  });

  it("reports internal_error when the supervisor cannot lay out the files", async () => {
    // Valid per the contract, but main.py cannot be both a file and a folder.
    const result = await runPython([
      { path: "main.py", content: "print(1)" },
      { path: "main.py/inner.py", content: "" },
    ]);
    expect(result).toMatchObject({ status: "internal_error", exitCode: null, stdout: "", stderr: "" });
    expect(result.message).toContain("The sandbox could not start this program: NotADirectoryError");
  });

  it("stops a run when aborted and answers internal_error", async () => {
    const controller = new AbortController();
    const sandbox = await WarmSandbox.start(docker, { language: "python" });
    try {
      // A forked interpreter prints within milliseconds; 3 s leave room for a busy machine.
      setTimeout(() => controller.abort(), 3000);
      const program = "import time\nprint('started', flush=True)\ntime.sleep(60)";
      const result = await sandbox.run(
        {
          id: uniqueId("abort"),
          language: "python",
          files: [{ path: "main.py", content: program }],
          limits: { wallMs: 15_000 },
        },
        { signal: controller.signal },
      );
      expect(result).toMatchObject({ status: "internal_error", stdout: "started\n", truncated: false });
      expect(result.stderr).toContain("the runner shut down during this run");
      expect(result.wallMs).toBeLessThan(12_000);
    } finally {
      await sandbox.destroy();
    }
  });
});

describe("checkSandbox", () => {
  it("passes with the engine up and the image built", async () => {
    expect(await checkSandbox(createDocker(), [image])).toEqual({ ok: true, image, images: [image] });
  });

  it("says how to start Docker when the engine is unreachable", async () => {
    const health = await checkSandbox(createDocker("/nonexistent/docker.sock"), [image]);
    expect(health.ok).toBe(false);
    expect(!health.ok && health.reason).toContain("dockerd --bridge=none");
  });

  it("says how to build a missing image", async () => {
    const health = await checkSandbox(createDocker(), ["codeyard/sandbox-python:missing"]);
    expect(!health.ok && health.reason).toContain("pnpm sandbox:build");
  });
});
