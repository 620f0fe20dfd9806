import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  CurriculumError,
  curriculumRoot,
  type Exercise,
  getExercise,
  listAgeGroups,
  loadCurriculum,
  publicExercise,
} from "./load";
import { isFunctionTest, TestsYaml } from "./schema";

const webDir = resolve(import.meta.dirname, "..", "..");
const realRoot = join(webDir, "content", "curriculum");
const curriculum = loadCurriculum(realRoot);
const exercises: Exercise[] = curriculum.groups.flatMap((g) =>
  g.levels.flatMap((l) =>
    l.exercises.map((summary) => {
      const exercise = getExercise(summary.id, realRoot);
      if (!exercise) throw new Error(`getExercise lost ${summary.id}`);
      return exercise;
    }),
  ),
);

const scratch = mkdtempSync(join(tmpdir(), "codeyard-curriculum-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the real curriculum", () => {
  it("has the three age groups in order, each a course of at least 5 levels of at least 4 exercises", () => {
    expect(curriculum.groups.map((g) => [g.id, g.ages])).toEqual([
      ["8-11", "8-11"],
      ["12-15", "12-15"],
      ["16-plus", "16+"],
    ]);
    for (const group of curriculum.groups) {
      expect(group.levels.length, group.id).toBeGreaterThanOrEqual(5);
      for (const level of group.levels)
        expect(level.exercises.length, `${group.id}/${level.id}`).toBeGreaterThanOrEqual(4);
    }
  });

  it("numbers levels and exercises 1..n in the order they are served", () => {
    for (const group of curriculum.groups) {
      expect(group.levels.map((l) => l.order)).toEqual(group.levels.map((_, i) => i + 1));
      for (const level of group.levels)
        expect(level.exercises.map((e) => e.order)).toEqual(level.exercises.map((_, i) => i + 1));
    }
  });

  it("gives every exercise a unique id made of its group, level and folder", () => {
    const ids = exercises.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of exercises) {
      expect(e.id).toBe(`${e.groupId}/${e.levelId}/${e.slug}`);
      expect(e.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+$/);
    }
    expect(getExercise("8-11/first-steps/say-hello", realRoot)?.title).toBe("Say Hello, Robot");
  });

  it("has a valid tests.yaml with 3 to 6 uniquely named tests for every exercise", () => {
    for (const e of exercises) {
      const raw = parseYaml(readFileSync(join(realRoot, e.id, "tests.yaml"), "utf8"));
      const parsed = TestsYaml.safeParse(raw);
      expect(parsed.success, e.id).toBe(true);
      expect(e.tests.length, e.id).toBeGreaterThanOrEqual(3);
      expect(e.tests.length, e.id).toBeLessThanOrEqual(6);
      expect(new Set(e.tests.map((t) => t.name)).size, e.id).toBe(e.tests.length);
    }
  });

  it("gives every exercise a starter that differs from its solution", () => {
    for (const e of exercises) expect(e.starter.trim(), e.id).not.toBe(e.solution.trim());
  });

  it("has starters that define the function that function tests call, without reading input at top level", () => {
    for (const e of exercises) {
      const functionTests = e.tests.filter(isFunctionTest);
      if (functionTests.length === 0) continue;
      expect(functionTests, `${e.id} mixes test kinds`).toHaveLength(e.tests.length);
      for (const test of functionTests) {
        const name = /^([A-Za-z_]\w*)\(/.exec(test.call)?.[1];
        expect(e.starter, `${e.id}: ${test.call}`).toContain(`def ${name}(`);
      }
      expect(e.starter, e.id).not.toMatch(/^[^\s#].*\binput\(/m);
    }
  });

  it("has 1 to 3 hints and a lesson text for every exercise", () => {
    for (const e of exercises) {
      expect(e.hints.length, e.id).toBeGreaterThanOrEqual(1);
      expect(e.hints.length, e.id).toBeLessThanOrEqual(3);
      expect(e.lessonMarkdown, e.id).toContain("## Your task");
      expect(e.lessonMarkdown, e.id).not.toMatch(/^---/);
    }
  });

  it("caches the tree, frozen, and serves the same groups from listAgeGroups", () => {
    expect(loadCurriculum(realRoot)).toBe(curriculum);
    expect(listAgeGroups(realRoot)).toBe(curriculum.groups);
    const exercise = exercises[0] as Exercise;
    const testCount = exercise.tests.length;
    expect(() => exercise.tests.pop()).toThrow(TypeError);
    expect(() => curriculum.groups[0]?.levels.reverse()).toThrow(TypeError);
    expect(exercise.tests).toHaveLength(testCount);
    const shown = publicExercise(exercise);
    shown.hints.push("a hint added by a caller");
    expect(exercise.hints).not.toContain("a hint added by a caller");
  });

  it("answers undefined for ids that are not exercises, including path-like ones", () => {
    for (const id of [
      "8-11/first-steps",
      "8-11/first-steps/nope",
      "../../etc/passwd",
      "",
      "8-11/first-steps/say-hello/",
    ]) {
      expect(getExercise(id, realRoot), id).toBeUndefined();
    }
  });
});

describe("curriculumRoot", () => {
  it("finds the content from web/ and from the repository root", () => {
    expect(curriculumRoot(webDir)).toBe(realRoot);
    expect(curriculumRoot(dirname(webDir))).toBe(realRoot);
  });

  it("says where it looked when there is no content", () => {
    expect(() => curriculumRoot(scratch)).toThrow(`Looked in: ${join(scratch, "content", "curriculum")}`);
  });
});

describe("publicExercise", () => {
  it("sends only what the learner may see", () => {
    for (const e of exercises) {
      const shown = publicExercise(e);
      expect(Object.keys(shown).sort(), e.id).toEqual(
        [
          "groupId",
          "hints",
          "id",
          "lessonMarkdown",
          "levelId",
          "minutes",
          "slug",
          "starter",
          "summary",
          "title",
        ].sort(),
      );
      expect(shown.starter).toBe(e.starter);
    }
  });

  it("leaks no test name, expected output, call, expect or solution of the real content", () => {
    // Short outputs such as "Too hot!", "0" or "True" are spelled out by the task itself, so only longer ones count.
    const distinctive = (s: string) => s.trim().length >= 10;
    for (const e of exercises) {
      const sent = JSON.stringify(publicExercise(e));
      const shown = Object.values(publicExercise(e)).flat().join("\n");
      expect(shown, e.id).not.toContain(e.solution.trim());
      for (const test of e.tests) {
        expect(sent, `${e.id}: name`).not.toContain(JSON.stringify(test.name).slice(1, -1));
        const secrets = isFunctionTest(test) ? [test.call, test.expect] : [test.stdout];
        for (const secret of secrets.filter(distinctive)) expect(shown, `${e.id}: ${test.name}`).not.toContain(secret);
      }
    }
  });

  it("leaks nothing from tests.yaml or solution.py, proven with marker strings", () => {
    const root = writeTree("leak", {
      ...validExercise(),
      "g/l/e/solution.py": "print('SOLUTION-MARKER')\n",
      "g/l/e/tests.yaml": [
        "tests:",
        "  - { name: NAME-MARKER-1, stdin: STDIN-MARKER, stdout: STDOUT-MARKER, shown: true }",
        "  - { name: NAME-MARKER-2, call: CALL_MARKER(), expect: \"'EXPECT-MARKER'\" }",
        "  - { name: NAME-MARKER-3, stdout: OTHER-STDOUT-MARKER }",
      ].join("\n"),
    });
    const exercise = getExercise("g/l/e", root);
    expect(exercise?.solution).toContain("SOLUTION-MARKER");
    expect(JSON.stringify(exercise?.tests)).toContain("EXPECT-MARKER");
    const sent = JSON.stringify(publicExercise(exercise as Exercise));
    expect(sent).toContain("STARTER-TEXT");
    expect(sent).not.toMatch(/MARKER/);
  });
});

describe("malformed content", () => {
  const cases: { what: string; file: string; content?: string; message: RegExp }[] = [
    {
      what: "a test with both shapes",
      file: "g/l/e/tests.yaml",
      content:
        "tests:\n  - { name: a, stdout: x, call: f(), expect: '1' }\n  - { name: b, stdout: x }\n  - { name: c, stdout: y }",
      message: /a test is either/,
    },
    {
      what: "an expect written as a number",
      file: "g/l/e/tests.yaml",
      content: "tests:\n  - { name: a, call: f(), expect: 1 }\n  - { name: b, stdout: x }\n  - { name: c, stdout: y }",
      message: /expected string[\s\S]*tests\[0\]\.expect/,
    },
    {
      what: "duplicate test names",
      file: "g/l/e/tests.yaml",
      content: "tests:\n  - { name: a, stdout: x }\n  - { name: a, stdout: y }\n  - { name: c, stdout: z }",
      message: /test names must be unique/,
    },
    {
      what: "no shown example",
      file: "g/l/e/tests.yaml",
      content: "tests:\n  - { name: a, stdout: x }\n  - { name: b, stdout: y }\n  - { name: c, stdout: z }",
      message: /mark at least one test `shown: true`/,
    },
    {
      what: "a hidden test whose name gives its answer away",
      file: "g/l/e/tests.yaml",
      content:
        "tests:\n  - { name: a, stdout: x, shown: true }\n  - { name: quiz scores 22, stdin: quiz, stdout: '22' }\n  - { name: c, stdout: z }",
      message: /must not give away its input or answer \("22"\)[\s\S]*tests\[1\]\.name/,
    },
    {
      what: "too few tests",
      file: "g/l/e/tests.yaml",
      content: "tests:\n  - { name: a, stdout: x }",
      message: /at least 3 tests/,
    },
    {
      what: "an unknown key",
      file: "g/l/level.yaml",
      content: "title: L\ndescription: D\norder: 1\nconcepts: [c]\ncolour: red\n",
      message: /colour/,
    },
    { what: "broken YAML", file: "g/group.yaml", content: "id: g\ntitle: [unclosed\n", message: /not valid YAML/ },
    {
      what: "a group id that differs from its folder",
      file: "g/group.yaml",
      content: "id: other\ntitle: G\nages: '8-11'\ndescription: D\norder: 1\n",
      message: /must equal its folder name "g"/,
    },
    { what: "a lesson without frontmatter", file: "g/l/e/lesson.md", content: "# Hello\n", message: /frontmatter/ },
    {
      what: "four hints",
      file: "g/l/e/lesson.md",
      content: "---\ntitle: T\norder: 1\nminutes: 5\nsummary: S\nhints: [a, b, c, d]\n---\nBody\n",
      message: /at most 3 hints/,
    },
    { what: "a missing solution", file: "g/l/e/solution.py", message: /the file is missing/ },
    { what: "an empty starter", file: "g/l/e/starter.py", content: "\n", message: /the file is empty/ },
  ];

  it.each(cases)("names the file for $what", ({ what, file, content, message }) => {
    const files: Record<string, string | undefined> = { ...validExercise(), [file]: content };
    const root = writeTree(what.replaceAll(" ", "-"), files);
    const error = catchError(() => loadCurriculum(root));
    expect(error).toBeInstanceOf(CurriculumError);
    expect((error as CurriculumError).file).toBe(join(root, file));
    expect(error.message).toContain(join(root, file));
    expect(error.message).toMatch(message);
  });

  it("names both files when two exercises share an order", () => {
    const base = validExercise();
    const root = writeTree("same-order", {
      ...base,
      ...Object.fromEntries(
        Object.entries(base).flatMap(([p, c]) => (p.startsWith("g/l/e/") ? [[p.replace("/e/", "/f/"), c]] : [])),
      ),
    });
    const message = catchError(() => loadCurriculum(root)).message;
    expect(message).toContain(join(root, "g/l/f/lesson.md"));
    expect(message).toContain(join(root, "g/l/e/lesson.md"));
    expect(message).toMatch(/order 1 is also used by/);
  });

  it("rejects a folder name that is not a kebab-case slug", () => {
    const root = writeTree("bad-slug", {
      ...Object.fromEntries(Object.entries(validExercise()).map(([p, c]) => [p.replace("/e/", "/My_Exercise/"), c])),
    });
    expect(catchError(() => loadCurriculum(root)).message).toContain(join(root, "g/l/My_Exercise"));
  });

  it("resolves unlock rules: the level before by default, and checks an authored one", () => {
    const base = validExercise();
    const level = (order: number, extra = "") =>
      `title: L${order}\ndescription: D\norder: ${order}\nconcepts: [c]\n${extra}`;
    const copy = (to: string) =>
      Object.fromEntries(
        Object.entries(base).flatMap(([p, c]) => (p.startsWith("g/l/e/") ? [[p.replace("g/l/", `g/${to}/`), c]] : [])),
      );
    const tree = (third: string) => ({
      ...base,
      ...copy("m"),
      ...copy("n"),
      "g/m/level.yaml": level(2),
      "g/n/level.yaml": level(3, third),
    });
    const groups = loadCurriculum(writeTree("unlock-valid", tree("unlock: { after: l, passed: 1 }\n"))).groups;
    expect(groups[0]?.levels.map((l) => [l.id, l.unlock])).toEqual([
      ["l", null],
      ["m", { after: "l", passed: "all" }],
      ["n", { after: "l", passed: 1 }],
    ]);
    const later = writeTree("unlock-later", tree("unlock: { after: zzz }\n"));
    expect(catchError(() => loadCurriculum(later)).message).toMatch(
      /g\/n\/level\.yaml[\s\S]*unlock\.after "zzz" must name a level that comes before this one \(l, m\)/,
    );
    const many = writeTree("unlock-many", tree("unlock: { after: m, passed: 2 }\n"));
    expect(catchError(() => loadCurriculum(many)).message).toMatch(/unlock\.passed is 2, but "m" has only 1 exercises/);
    const bad = writeTree("unlock-bad", tree("unlock: { after: m, passed: some }\n"));
    expect(catchError(() => loadCurriculum(bad)).message).toMatch(/unlock\.passed must be "all" or a count/);
  });

  it("accepts the valid fixture itself", () => {
    const root = writeTree("valid", validExercise());
    const groups = loadCurriculum(root).groups;
    expect(groups[0]?.levels[0]?.exercises).toEqual([
      { id: "g/l/e", slug: "e", title: "T", summary: "S", order: 1, minutes: 5 },
    ]);
    expect(getExercise("g/l/e", root)?.tests[0]).toEqual({ name: "a", stdout: "x", shown: true });
  });
});

function validExercise(): Record<string, string> {
  return {
    "g/group.yaml": "id: g\ntitle: G\nages: '8-11'\ndescription: D\norder: 1\n",
    "g/l/level.yaml": "title: L\ndescription: D\norder: 1\nconcepts: [c]\n",
    "g/l/e/lesson.md": "---\ntitle: T\norder: 1\nminutes: 5\nsummary: S\nhints: [h]\n---\n## Your task\n\nDo it.\n",
    "g/l/e/starter.py": "print('STARTER-TEXT')\n",
    "g/l/e/solution.py": "print('x')\n",
    "g/l/e/tests.yaml":
      "tests:\n  - { name: a, stdout: x, shown: true }\n  - { name: b, stdout: x }\n  - { name: c, stdout: x }\n",
  };
}

function writeTree(name: string, files: Record<string, string | undefined>): string {
  const root = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    if (content === undefined) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
