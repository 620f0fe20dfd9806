import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { brokenLinks, hintProblems, lintCurriculum } from "./lint";

const realRoot = resolve(import.meta.dirname, "..", "..", "content", "curriculum");
const scratch = mkdtempSync(join(tmpdir(), "codeyard-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const lesson = (order: number, title: string, hints: string[], body = "## Your task\n\nDo it.\n") =>
  `---\ntitle: ${title}\norder: ${order}\nminutes: 5\nsummary: S\nhints: ${JSON.stringify(hints)}\n---\n${body}`;
const tests =
  "tests:\n  - { name: a, stdout: x, shown: true }\n  - { name: b, stdout: x }\n  - { name: c, stdout: x }\n";

function exercise(dir: string, order: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${dir}/lesson.md`]: lesson(order, `Title ${order}`, ["Print it."]),
    [`${dir}/starter.py`]: "print('no')\n",
    [`${dir}/solution.py`]: "print('the answer to this exercise')\n",
    [`${dir}/tests.yaml`]: tests,
    ...extra,
  };
}

function writeTree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const group = (id: string, order: number) => `id: ${id}\ntitle: G\nages: '8-11'\ndescription: D\norder: ${order}\n`;
const level = (order: number, language = "python") =>
  `title: L\ndescription: D\norder: ${order}\nconcepts: [c]\nlanguage: ${language}\n`;
const valid = () => ({ "g/group.yaml": group("g", 1), "g/l/level.yaml": level(1), ...exercise("g/l/e", 1) });

describe("lintCurriculum", () => {
  it("finds nothing wrong in the real curriculum", () => {
    const problems = lintCurriculum(realRoot).map((p) => `${p.file.slice(realRoot.length + 1)}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it("finds nothing wrong in a valid fixture, Python or JavaScript", () => {
    expect(lintCurriculum(writeTree("valid", valid()))).toEqual([]);
    const js = {
      "g/group.yaml": group("g", 1),
      "g/l/level.yaml": level(1, "javascript"),
      "g/l/e/lesson.md": lesson(1, "T", ["Log it."]),
      "g/l/e/starter.js": "console.log('no');\n",
      "g/l/e/solution.js": "console.log('the answer to this one');\n",
      "g/l/e/tests.yaml": tests,
    };
    expect(lintCurriculum(writeTree("valid-js", js))).toEqual([]);
  });

  it("reports every problem at once, each with its file", () => {
    const root = writeTree("broken", {
      ...valid(),
      // a missing field, and a level whose order repeats its sibling's
      "g/m/level.yaml": "description: D\norder: 1\nconcepts: [c]\n",
      "g/n/level.yaml": level(1),
      ...exercise("g/n/a", 1, { "g/n/a/lesson.md": lesson(1, "Same", ["Print it."]) }),
      // duplicate exercise order and title in one level
      ...exercise("g/n/b", 1, { "g/n/b/lesson.md": lesson(1, "Same", ["Print it."]) }),
      // a hint that gives the whole solution away, and one as long as it
      ...exercise("g/n/c", 2, {
        "g/n/c/lesson.md": lesson(2, "C", ["Type print('the answer to this exercise')", "x".repeat(200)]),
      }),
      // a broken relative link and image; good links and a link inside code are fine
      ...exercise("g/n/d", 3, {
        "g/n/d/lesson.md": lesson(
          3,
          "D",
          ["Print it."],
          "See [the picture](picture.png), ![a map](img/map.png), [ok](tests.yaml#top), [web](https://example.org), [top](#task) and `[x](nope.md)`.\n\n```md\n[y](nope-either.md)\n```\n\n[ref]: ../missing/lesson.md\n\n## Your task\n\nDo it.\n",
        ),
      }),
      // no shown test; a missing solution; a starter of the wrong language
      ...exercise("g/n/e", 4, {
        "g/n/e/tests.yaml":
          "tests:\n  - { name: a, stdout: x }\n  - { name: b, stdout: y }\n  - { name: c, stdout: z }\n",
        "g/n/e/starter.js": "console.log(1);\n",
      }),
      // a second group claiming the same id
      "h/group.yaml": group("g", 2),
    });
    rmSync(join(root, "g/n/e/solution.py"));
    const problems = lintCurriculum(root).map((p) => [p.file.slice(root.length + 1), p.message]);
    const expected: [string, RegExp][] = [
      ["g/m/level.yaml", /title/],
      ["g/n/level.yaml", /order 1 is also used by .*g\/l\/level\.yaml/],
      ["g/n/b/lesson.md", /order 1 is also used by .*g\/n\/a\/lesson\.md/],
      ["g/n/b/lesson.md", /title "Same" is also used by .*g\/n\/a\/lesson\.md/],
      ["g/n/c/lesson.md", /^hint 1 is not shorter than the solution$/],
      ["g/n/c/lesson.md", /^hint 1 contains the whole solution$/],
      ["g/n/c/lesson.md", /^hint 2 is not shorter than the solution$/],
      ["g/n/d/lesson.md", /"picture\.png" points nowhere/],
      ["g/n/d/lesson.md", /"img\/map\.png" points nowhere/],
      ["g/n/d/lesson.md", /"\.\.\/missing\/lesson\.md" points nowhere/],
      ["g/n/e/tests.yaml", /shown: true/],
      ["g/n/e/solution.py", /the file is missing/],
      ["g/n/e/starter.js", /a python level has no use for this file/],
      ["h/group.yaml", /must equal its folder name "h"/],
      ["h/group.yaml", /group id "g" is also used by .*g\/group\.yaml/],
    ];
    for (const [file, message] of expected) {
      expect(
        problems.some(([f, m]) => f === file && message.test(m ?? "")),
        `${file} ${message}\n${JSON.stringify(problems, null, 1)}`,
      ).toBe(true);
    }
    expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(expected.length);
  });
});

describe("brokenLinks and hintProblems", () => {
  it("checks relative targets only, without their fragment or query", () => {
    const dir = writeTree("links", { "a/here.md": "x", "a/my file.png": "x" });
    const md = "[a](here.md#part) [b](here.md?x=1) [c](my%20file.png) [d](gone.md) [e](mailto:x@y.z) [f](/learn)";
    expect(brokenLinks(md, join(dir, "a"))).toEqual(["gone.md"]);
  });

  it("lets a short hint quote part of the solution, not all of it", () => {
    expect(hintProblems(["Use int()."], "n = int(input())\nprint(n * 2)\n")).toEqual([]);
    expect(hintProblems(["print(n * 2)"], "print(n * 2)\n")).toEqual([
      "hint 1 is not shorter than the solution",
      "hint 1 contains the whole solution",
    ]);
  });
});
