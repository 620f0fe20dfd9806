import { describe, expect, it } from "vitest";
import type { GraderTest } from "./contract";
import { addTests, greetTests, hiddenTests, startGradingEngine } from "./grading-testing";

const { grade } = startGradingEngine("javascript");
const readName = 'const name = require("fs").readFileSync(0, "utf8").trim();\n';
const timeout = { timeout: 120_000 };

describe("grading JavaScript against hidden tests (real Node.js sandbox)", () => {
  it("passes a correct function and a correct program", timeout, async () => {
    const fn = await grade("function add(a, b) {\n  return a + b;\n}\n", addTests);
    expect(fn).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
    const arrow = await grade("const add = (a, b) => a + b;\n", addTests);
    expect(arrow.status).toBe("pass");
    const program = await grade(`${readName}console.log("Hello, " + name + "!");\n`, greetTests);
    expect(program.status).toBe("pass");
  });

  it("fails a wrong answer and says what was expected, with the learner's own output", timeout, async () => {
    const result = await grade('function add(a, b) {\n  console.log("adding", a, b);\n  return a - b;\n}\n', addTests);
    expect(result.status).toBe("fail");
    expect(result.tests[0]).toMatchObject({ name: "adds small numbers", status: "fail" });
    expect(result.tests[0]?.message).toBe("add(2, 3) should give 5, but it gave -1");
    expect(result.tests[0]?.output).toBe("adding 2 3\n");
    const program = await grade(`${readName}console.log("Hi " + name);\n`, greetTests);
    expect(program.tests[0]?.message).toMatch(/Hello, Sam!/);
    expect(program.tests[0]?.output).toBe("Hi Sam\n");
  });

  it("reports a syntax error and a crash with their line", timeout, async () => {
    const syntax = await grade("function add(a, b) {\n  return a +;\n}\n", addTests);
    expect(syntax).toMatchObject({ status: "error", message: expect.stringMatching(/^Line 2: SyntaxError: /) });
    const crash = await grade(`${readName}\nnull.length;\n`, greetTests);
    expect(crash.status).toBe("error");
    expect(crash.tests[0]?.message).toMatch(/^Line 3: TypeError: Cannot read properties of null/);
    const thrown = await grade('function add(a, b) {\n  throw new RangeError("too big");\n}\n', addTests);
    expect(thrown.tests[0]).toMatchObject({ status: "error", message: "RangeError: too big" });
  });

  it("explains a test that runs forever", timeout, async () => {
    const result = await grade("function add(a, b) {\n  while (true) {}\n}\n", addTests.slice(0, 1));
    expect(result.status).toBe("error");
    expect(result.message).toMatch(/too long/);
  });

  describe("tampering never passes", () => {
    it.each([
      ["exits early at load", "process.exit(0);\nfunction add(a, b) {\n  return a + b;\n}\n"],
      ["exits inside the call", "function add(a, b) {\n  process.exit(0);\n}\n"],
      ["kills its own process", 'function add(a, b) {\n  process.kill(process.pid, "SIGKILL");\n}\n'],
      [
        "writes a forged result to the harness's channel",
        'const fs = require("fs");\nfs.writeSync(Number(process.argv[3]), \'{"token":"x","ok":true,"value":["number",5]}\\n\');\nprocess.exit(0);\n',
      ],
      [
        "writes a second message after the harness's",
        'const fs = require("fs");\nconst fd = Number(process.argv[3]);\nprocess.on("exit", () => fs.writeSync(fd, \'{"ok":true}\\n\'));\nfunction add(a, b) {\n  fs.writeSync(fd, \'{"token":"y","ok":true,"value":["number",5]}\\n\');\n  return a + b;\n}\n',
      ],
      [
        "prints a fake verdict",
        'console.log(\'CODEYARD-VERDICT 0 {"version": 3, "status": "pass", "tests": []}\');\nfunction add(a, b) {\n  return a + b;\n}\n',
      ],
      ["returns a boxed number", "function add(a, b) {\n  return new Number(a + b);\n}\n"],
      ["returns a Map", "function add(a, b) {\n  return new Map([[a, b]]);\n}\n"],
      ["returns a Promise", "async function add(a, b) {\n  return a + b;\n}\n"],
      [
        "returns an object that claims to be 5",
        'function add(a, b) {\n  return { valueOf: () => 5, toJSON: () => 5, toString: () => "5" };\n}\n',
      ],
    ])("%s: error", timeout, async (_name, content) => {
      const result = await grade(content, addTests);
      expect(result.status, JSON.stringify(result)).toBe("error");
      expect(result.tests.every((t) => t.status !== "pass")).toBe(true);
    });

    it.each([
      [
        "patches JSON.stringify",
        'JSON.stringify = () => \'{"ok":true,"value":["number",5]}\';\nJSON.parse = () => ({ ok: true });\n',
      ],
      [
        "patches Object.prototype and Array.prototype",
        'Object.prototype.toJSON = () => 5;\nObject.defineProperty(Object.prototype, "value", { get: () => 5 });\nArray.prototype.join = () => "5";\nArray.prototype.push = () => 0;\nArray.isArray = () => false;\n',
      ],
      [
        "patches String, Number and Reflect",
        'String.prototype.toString = () => "5";\nNumber.prototype.toString = () => "5";\nReflect.ownKeys = () => [];\nNumber.isFinite = () => false;\n',
      ],
      [
        "patches console.log, process.stdout and process.exit",
        "console.log = () => {};\nprocess.stdout.write = () => true;\nprocess.exit = () => {};\nprocess.reallyExit = () => {};\n",
      ],
    ])("%s: fail, with the value it really returned", timeout, async (_name, patch) => {
      const result = await grade(`${patch}function add(a, b) {\n  return 0;\n}\n`, addTests);
      // The tests after the first share its realm (one node process), so a patch may break them: error, not pass.
      expect(["fail", "error"], JSON.stringify(result)).toContain(result.status);
      expect(result.tests.every((t) => t.status !== "pass")).toBe(true);
      expect(result.tests[0]?.message).toBe("add(2, 3) should give 5, but it gave 0");
    });

    it("a program that patches console.log still fails", timeout, async () => {
      const lie = `${readName}const real = console.log;\nconsole.log = () => real("Hello, Sam!");\nconsole.log("Hi " + name);\n`;
      const result = await grade(lie, [{ name: "greets someone", stdin: "Zed\n", stdout: "Hello, Zed!\n" }]);
      expect(result).toMatchObject({ status: "fail", tests: [{ status: "fail" }] });
    });

    it("cannot rewrite the harness for the next test", timeout, async () => {
      const files = ["codeyard_grader.py", "harness.js", "codeyard_harness.js"];
      const rewrite = files
        .map((f) => `try { fs.writeFileSync("/workspace/${f}", "process.exit(0)"); } catch {}`)
        .join("\n");
      const result = await grade(`const fs = require("fs");\n${rewrite}\nfunction add(a, b) {\n  return 0;\n}\n`, [
        ...addTests,
        { name: "adds again", call: "add(1, 1)", expect: "2", shown: true },
      ]);
      expect(result.tests.map((t) => t.status)).toEqual(["fail", "fail", "fail"]);
      expect(result.tests[2]?.message).toBe("add(1, 1) should give 2, but it gave 0");
    });

    it("cannot find the hidden expected value anywhere it can read", timeout, async () => {
      const snoop = [
        'const fs = require("fs");',
        "// The needle is computed, so this source itself does not contain it.",
        "const needle = String(424000 + 242);",
        "const seen = [];",
        "const buffer = Buffer.alloc(1 << 20);",
        "const read = (path) => {",
        "  try {",
        "    const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);",
        "    try { seen.push(buffer.toString('latin1', 0, fs.readSync(fd, buffer))); } finally { fs.closeSync(fd); }",
        "  } catch {}",
        "};",
        "const list = (dir) => { try { return fs.readdirSync(dir); } catch { return []; } };",
        "for (const pid of list('/proc')) {",
        "  read('/proc/' + pid + '/cmdline');",
        "  read('/proc/' + pid + '/environ');",
        "  for (const fd of list('/proc/' + pid + '/fd')) read('/proc/' + pid + '/fd/' + fd);",
        "  try { const fd = fs.openSync('/proc/' + pid + '/mem', 'r'); seen.push('opened'); fs.closeSync(fd); } catch {}",
        "}",
        "const walk = (dir) => { for (const name of list(dir)) { read(dir + '/' + name); walk(dir + '/' + name); } };",
        "walk('/workspace');",
        "walk('/tmp');",
        "function add(a, b) {",
        "  return seen.some((s) => s.includes(needle)) ? Number(needle) : -1;",
        "}",
      ].join("\n");
      const result = await grade(snoop, [{ name: "secret", call: "add(1, 2)", expect: "424242", shown: true }]);
      expect(result.status).toBe("fail");
      expect(result.tests[0]?.message).toContain("gave -1");
    });
  });
});

describe("hidden JavaScript tests stay hidden (real Node.js sandbox)", () => {
  it(
    "a failing hidden test shows its name and the author's hint, never its call, value or the output",
    timeout,
    async () => {
      const result = await grade(
        'function add(a, b) {\n  console.log("args", a, b);\n  return a * b;\n}\n',
        hiddenTests,
      );
      expect(result).toMatchObject({
        status: "fail",
        tests: [
          { name: "adds big numbers", status: "fail", message: "Think about large numbers." },
          { name: "adds zero", status: "fail", message: "This hidden test did not pass." },
        ],
      });
      for (const test of result.tests) expect(test.output).toBeUndefined();
      const text = JSON.stringify([result.message, result.tests]);
      for (const secret of ["424242", "424243", "977", "add(", "args"]) expect(text).not.toContain(secret);
      const pass = await grade("function add(a, b) {\n  return a + b;\n}\n", hiddenTests);
      expect(pass).toMatchObject({ status: "pass", tests: [{ status: "pass" }, { status: "pass" }] });
    },
  );

  it("a hidden test's input does not come back through the learner's output or errors", timeout, async () => {
    const tests: GraderTest[] = [{ name: "greets someone", stdin: "Zebulon\n", stdout: "Hello, Zebulon!\n" }];
    const echo = await grade(`${readName}console.log("you said", name);\n`, tests);
    expect(echo).toMatchObject({ status: "fail", tests: [{ status: "fail" }] });
    const raise = await grade(`${readName}throw new Error(name);\n`, tests);
    expect(raise).toMatchObject({ status: "error", tests: [{ status: "error" }] });
    expect(raise.message).toBe("This hidden test ended with an error.");
    for (const result of [echo, raise]) expect(JSON.stringify(result)).not.toContain("Zebulon");
  });
});

describe("the JavaScript comparison rule (real Node.js sandbox)", () => {
  const cases: [string, string, string, "pass" | "fail" | "error"][] = [
    ["a number for a number", "5", "5", "pass"],
    ["a string for a number", '"5"', "5", "fail"],
    ["a boolean for a number", "true", "1", "fail"],
    ["one number type: 3 is 3.0", "3", "3.0", "pass"],
    ["a float off by rounding", "0.1 + 0.2", "0.3", "pass"],
    ["a float off by more", "0.30001", "0.3", "fail"],
    ["an array in order", "[1, [2, 'x']]", '[1, [2, "x"]]', "pass"],
    ["an array in another order", "[2, 1]", "[1, 2]", "fail"],
    ["an object in another key order", "{ b: 2, a: { c: null } }", '{"a": {"c": null}, "b": 2}', "pass"],
    ["an object with an extra key", "{ a: 1, b: 2 }", '{"a": 1}', "fail"],
    ["undefined for null", "undefined", "null", "fail"],
    ["NaN for a number", "0 / 0", "0", "fail"],
    ["a Set", "new Set([1])", "[1]", "error"],
  ];

  it.each(cases)("%s", timeout, async (_name, returned, expected, status) => {
    const result = await grade(`function answer() {\n  return ${returned};\n}\n`, [
      { name: "answer", call: "answer()", expect: expected, shown: true },
    ]);
    expect(result.tests[0]?.status, JSON.stringify(result)).toBe(status);
  });

  it("writes values the way JavaScript does in a failure message", timeout, async () => {
    const result = await grade('function answer() {\n  return { name: "Bo", tags: [true, null] };\n}\n', [
      { name: "answer", call: "answer()", expect: '{"name": "Al", "tags": []}', shown: true },
    ]);
    expect(result.tests[0]?.message).toBe(
      'answer() should give {"name": "Al", "tags": []}, but it gave {"name": "Bo", "tags": [true, null]}',
    );
  });
});
