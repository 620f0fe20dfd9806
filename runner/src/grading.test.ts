import pino from "pino";
import { describe, expect, it } from "vitest";
import { createApp } from "./app";
import type { GradeRequest, GraderTest } from "./contract";
import { checkSandbox } from "./docker";
import { gradeInSandbox } from "./grading";
import { addTests, greetTests, hiddenTests, startGradingEngine } from "./grading-testing";
import { docker, requireSandbox, uniqueId } from "./testing";

const { engine, grade } = startGradingEngine("python");

/** Modules the grader imports, directly or through the standard library (python3 -I, then the imports). */
const graderImports = [
  ...["ast", "base64", "bisect", "collections", "copyreg", "ctypes", "enum", "errno", "fcntl", "functools"],
  ...["hashlib", "hmac", "io", "json", "locale", "math", "operator", "os", "random", "re", "secrets", "select"],
  ...["selectors", "signal", "sitecustomize", "string", "struct", "subprocess", "threading", "time", "types"],
  ...["usercustomize", "warnings", "weakref"],
];

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

  it("explains a test whose code used up its CPU time (SIGXCPU), as a busy host's infinite loop does", async () => {
    // On a busy host an infinite loop may reach RLIMIT_CPU before the grader's wall clock: the same signal.
    const fn = "def add(a, b):\n    import os, signal\n    os.kill(os.getpid(), signal.SIGXCPU)\n";
    const result = await grade(fn, addTests.slice(0, 1));
    expect(result).toMatchObject({ status: "error", tests: [{ status: "error" }] });
    expect(result.tests[0]?.message).toMatch(/too long \(it used up its CPU time\)/);
    const program = "import os, signal\ninput()\nos.kill(os.getpid(), signal.SIGXCPU)\n";
    const printed = await grade(program, greetTests.slice(0, 1));
    expect(printed.tests[0]).toMatchObject({ status: "error", message: expect.stringMatching(/too long/) });
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
      const result = await grade(snoop, [{ name: "secret", call: "add(1, 2)", expect: "424242", shown: true }]);
      expect(result.status).toBe("fail");
      expect(result.tests[0]?.message).toContain("gave -1");
    });
  });
});

describe("hidden tests stay hidden (real sandbox)", () => {
  it("a failing hidden test shows its name and the author's hint, never its call, value or the output", async () => {
    const result = await grade('def add(a, b):\n    print("args", a, b)\n    return a * b\n', hiddenTests);
    expect(result).toMatchObject({
      status: "fail",
      tests: [
        { name: "adds big numbers", status: "fail", message: "Think about large numbers." },
        { name: "adds zero", status: "fail", message: "This hidden test did not pass." },
      ],
    });
    for (const test of result.tests) expect(test.output).toBeUndefined();
    // What the learner sees, not the run id (which holds the test process's pid, and could hold "977").
    const text = JSON.stringify([result.status, result.message, result.tests]);
    for (const secret of ["424242", "424243", "977", "add(", "args"]) expect(text).not.toContain(secret);
  });

  it("a hidden test's input does not come back through the learner's output or errors", async () => {
    const tests: GraderTest[] = [{ name: "greets someone", stdin: "Zebulon\n", stdout: "Hello, Zebulon!\n" }];
    const echo = await grade("name = input()\nprint('you said', name)\n", tests);
    expect(echo).toMatchObject({ status: "fail", tests: [{ status: "fail" }] });
    const raise = await grade("name = input()\nraise ValueError(name)\n", tests);
    expect(raise).toMatchObject({ status: "error", tests: [{ status: "error" }] });
    expect(raise.message).toBe("This hidden test ended with an error.");
    for (const result of [echo, raise]) expect(JSON.stringify(result)).not.toContain("Zebulon");
  });

  it("a passing hidden test passes, with no output", async () => {
    const result = await grade('def add(a, b):\n    print("hi")\n    return a + b\n', hiddenTests);
    expect(result).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
    for (const test of result.tests) expect(test.output).toBeUndefined();
  });

  it("imports none of the learner's modules named like the standard library", async () => {
    // Each would print a forged verdict and end the process that imported it.
    const planted = graderImports.map((name) => ({
      path: `${name}.py`,
      content: "import os\nos.write(1, b'CODEYARD-VERDICT planted {}\\n')\nos._exit(0)\n",
    }));
    const request = (content: string): GradeRequest => ({
      id: uniqueId("planted"),
      language: "python",
      files: [{ path: "main.py", content }, ...planted],
      tests: addTests,
    });
    await requireSandbox();
    const pass = await gradeInSandbox((r) => engine.run(r), request("def add(a, b):\n    return a + b\n"));
    expect(pass).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
    const fail = await gradeInSandbox((r) => engine.run(r), request("def add(a, b):\n    return a - b\n"));
    expect(fail.tests[0]).toMatchObject({ status: "fail", message: "add(2, 3) should give 5, but it gave -1" });
  });
});

describe("the comparison rule (real sandbox)", () => {
  const cases: [string, string, string, "pass" | "fail"][] = [
    ["an int for an int", "5", "5", "pass"],
    ["a float for an int", "5.0", "5", "fail"],
    ["a str for an int", "'5'", "5", "fail"],
    ["a bool for an int", "True", "1", "fail"],
    ["a float for an int inside a list", "[3.0]", "[3]", "fail"],
    ["a tuple for a list", "(1, 2)", "[1, 2]", "fail"],
    ["a float off by rounding", "0.1 + 0.2", "0.3", "pass"],
    ["a float off by more", "0.30001", "0.3", "fail"],
    ["a dict in another order", "{'b': 2, 'a': 1}", "{'a': 1, 'b': 2}", "pass"],
  ];

  it.each(cases)("%s", async (_name, returned, expected, status) => {
    const result = await grade(`def answer():\n    return ${returned}\n`, [
      { name: "answer", call: "answer()", expect: expected, shown: true },
    ]);
    expect(result.tests[0]?.status).toBe(status);
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
