import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import type { GradeRequest, GraderTest } from "./contract";
import { checkSandbox } from "./docker";
import { Engine } from "./engine";
import { gradeInSandbox } from "./grading";
import { docker, ownContainers, requireSandbox, uniqueId } from "./testing";

const engine = new Engine(docker, { poolSize: 2, sessionIdleMs: 60_000, maxSessions: 2, languages: ["python"] });
engine.start();
afterAll(async () => {
  await engine.stop();
  expect(await ownContainers()).toEqual([]);
});

const addTests: GraderTest[] = [
  { name: "adds small numbers", call: "add(2, 3)", expect: "5" },
  { name: "adds negatives", call: "add(-4, 1)", expect: "-3" },
];
const greetTests: GraderTest[] = [
  { name: "greets Sam", stdin: "Sam\n", stdout: "Hello, Sam!\n" },
  { name: "greets Ada", stdin: "Ada\n", stdout: "Hello, Ada!\n" },
];

async function grade(content: string, tests: GraderTest[]) {
  await requireSandbox();
  const request: GradeRequest = {
    id: uniqueId("grade"),
    language: "python",
    files: [{ path: "main.py", content }],
    tests,
  };
  return gradeInSandbox((r) => engine.run(r), request);
}

describe("grading against hidden tests (real sandbox)", () => {
  it("passes a correct function and a correct program", async () => {
    const fn = await grade("def add(a, b):\n    return a + b\n", addTests);
    expect(fn).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
    const program = await grade('name = input()\nprint("Hello, " + name + "!")\n', greetTests);
    expect(program.status).toBe("pass");
  });

  it("fails a wrong answer and says what was expected, with the learner's own output", async () => {
    const result = await grade('def add(a, b):\n    print("adding", a, b)\n    return a - b\n', addTests);
    expect(result.status).toBe("fail");
    expect(result.tests[0]).toMatchObject({ name: "adds small numbers", status: "fail" });
    expect(result.tests[0]?.message).toBe("add(2, 3) should give 5, but it gave -1");
    expect(result.tests[0]?.output).toBe("adding 2 3\n");
    const program = await grade('name = input()\nprint("Hi " + name)\n', greetTests);
    expect(program.tests[0]?.message).toMatch(/Hello, Sam!/);
    expect(program.tests[0]?.output).toBe("Hi Sam\n");
  });

  it("reports a syntax error with its line", async () => {
    const result = await grade("def add(a, b)\n    return a + b\n", addTests);
    expect(result).toMatchObject({ status: "error", message: expect.stringMatching(/^Line 1: /) });
  });

  it("explains a test that runs forever", async () => {
    const result = await grade("def add(a, b):\n    while True:\n        pass\n", addTests.slice(0, 1));
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/too long/);
  });

  describe("tampering never passes", () => {
    it.each([
      ["exits early at import", "import os\nos._exit(0)\ndef add(a, b):\n    return a + b\n"],
      ["raises SystemExit at import", "import sys\nsys.exit(0)\ndef add(a, b):\n    return a + b\n"],
      [
        "writes a forged result to the harness's channel",
        'import os, sys\nos.write(int(sys.argv[3]), b\'{"token": "x", "ok": true, "value": ["int", 5]}\\n\')\nos._exit(0)\n',
      ],
      [
        "patches the value it returns (lying __repr__ and __eq__)",
        'class Five:\n    def __repr__(self):\n        return "5"\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\ndef add(a, b):\n    return Five()\n',
      ],
      [
        "prints a fake verdict",
        'print(\'CODEYARD-VERDICT 0 {"version": 3, "status": "pass", "tests": []}\')\ndef add(a, b):\n    return a + b\n',
      ],
    ])("%s", async (_name, content) => {
      const result = await grade(content, addTests);
      expect(result.status).toBe("error");
      expect(result.tests.every((t) => t.status !== "pass")).toBe(true);
    });

    it("patching the builtins the harness uses changes nothing", async () => {
      const patch =
        'import builtins, json\nbuiltins.repr = lambda v: "5"\njson.dumps = lambda *a, **k: \'{"ok": true, "value": ["int", 5]}\'\ndef add(a, b):\n    return 0\n';
      const result = await grade(patch, addTests);
      expect(result.status).toBe("fail");
      expect(result.tests[0]?.message).toBe("add(2, 3) should give 5, but it gave 0");
    });

    it("cannot find the hidden expected value anywhere it can read", async () => {
      const snoop = [
        "import glob, os",
        "# The needle is computed, so this source itself does not contain it.",
        "needle = str(424000 + 242).encode()",
        "seen = []",
        "for path in glob.glob('/proc/*/cmdline') + glob.glob('/proc/*/environ') + glob.glob('/proc/*/fd/*'):",
        "    try:",
        "        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)",
        "        seen.append(os.read(fd, 1 << 20))",
        "        os.close(fd)",
        "    except Exception:",
        "        pass",
        "for pid in os.listdir('/proc'):",
        "    try:",
        "        with open('/proc/%s/mem' % pid, 'rb') as f:",
        "            seen.append(f.read(1))",
        "    except Exception:",
        "        pass",
        "for path in glob.glob('/workspace/**', recursive=True) + glob.glob('/tmp/**', recursive=True):",
        "    try:",
        "        with open(path, 'rb') as f:",
        "            seen.append(f.read(1 << 20))",
        "    except Exception:",
        "        pass",
        "def add(a, b):",
        "    return int(needle) if any(needle in s for s in seen) else -1",
      ].join("\n");
      const result = await grade(snoop, [{ name: "secret", call: "add(1, 2)", expect: "424242" }]);
      expect(result.status).toBe("fail");
      expect(result.tests[0]?.message).toContain("gave -1");
    });
  });
});

describe("POST /v1/gradings", () => {
  const token = "grading-token-0123456789";
  const app = createApp({
    run: (request, log) => engine.run(request, log),
    checkHealth: () => checkSandbox(docker),
    token,
    logger: pino({ level: "silent" }),
    maxConcurrent: 2,
  });
  const post = (body: unknown, auth = `Bearer ${token}`) =>
    app.request("/v1/gradings", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: auth },
      body: JSON.stringify(body),
    });

  it("needs the token and a valid request", async () => {
    expect((await post({}, "Bearer nope")).status).toBe(401);
    const bad = await post({ id: "x", language: "python", files: [{ path: "main.py", content: "" }], tests: [] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/tests/);
  });

  it("answers Exercism-style results", async () => {
    await requireSandbox();
    const res = await post({
      id: uniqueId("api-grade"),
      language: "python",
      files: [{ path: "main.py", content: "def add(a, b):\n    return a + b\n" }],
      tests: addTests,
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
  });
});
