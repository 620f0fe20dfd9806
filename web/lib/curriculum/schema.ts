// Shapes of the files under web/content/curriculum. Strict objects, so a misspelt key fails loudly.
import { z } from "zod";

const text = (what: string, typeError = `${what} must be a string`) =>
  z.string({ error: typeError }).trim().min(1, `${what} is empty`);
const order = z.number({ error: "order must be a number" }).int("order must be a whole number");

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** <age-group>/group.yaml */
export const GroupYaml = z.strictObject({
  id: z.string().regex(slugPattern, "id must be a kebab-case slug, e.g. 8-11 or 16-plus"),
  title: text("title"),
  ages: z.string().regex(/^\d+(?:-\d+|\+)$/, 'ages must look like "8-11" or "16+"'),
  description: text("description"),
  order,
});
export type GroupYaml = z.infer<typeof GroupYaml>;

/** <age-group>/<level>/level.yaml */
export const LevelYaml = z.strictObject({
  title: text("title"),
  description: text("description"),
  order,
});
export type LevelYaml = z.infer<typeof LevelYaml>;

/** Frontmatter of <age-group>/<level>/<exercise>/lesson.md */
export const LessonFrontmatter = z.strictObject({
  title: text("title"),
  order,
  summary: text("summary"),
  hints: z.array(text("a hint")).min(1, "give at least 1 hint").max(3, "give at most 3 hints"),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

/** Runs main.py with `stdin` and compares its stdout, ignoring trailing whitespace and trailing blank lines. */
export const ProgramTest = z.strictObject({
  name: text("name"),
  stdin: z.string({ error: "stdin must be a string" }).default(""),
  stdout: z.string({ error: "stdout must be a string" }),
});
export type ProgramTest = z.infer<typeof ProgramTest>;

/** Imports main.py with empty stdin, evaluates `call` in its namespace and compares it with the literal `expect`. */
export const FunctionTest = z.strictObject({
  name: text("name"),
  call: text("call"),
  expect: text("expect", 'expect must be a Python literal in a YAML string, e.g. "5" or "[1, 2]"'),
});
export type FunctionTest = z.infer<typeof FunctionTest>;

export const ExerciseTest = z.union([ProgramTest, FunctionTest], {
  error: "a test is either { name, stdin?, stdout } or { name, call, expect }, with no other keys",
});
export type ExerciseTest = z.infer<typeof ExerciseTest>;

/** <age-group>/<level>/<exercise>/tests.yaml */
export const TestsYaml = z.strictObject({
  tests: z
    .array(ExerciseTest)
    .min(3, "an exercise needs at least 3 tests")
    .max(6, "an exercise has at most 6 tests")
    .refine((tests) => new Set(tests.map((t) => t.name)).size === tests.length, "test names must be unique"),
});
export type TestsYaml = z.infer<typeof TestsYaml>;

export function isFunctionTest(test: ExerciseTest): test is FunctionTest {
  return "call" in test;
}
