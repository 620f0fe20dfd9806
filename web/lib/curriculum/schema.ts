// Shapes of the files under web/content/curriculum. Strict objects, so a misspelt key fails loudly.
import { GraderTest } from "@codeyard/runner/contract";
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
  /** The concepts this level introduces, in the order its exercises teach them. */
  concepts: z.array(text("a concept")).min(1, "name at least 1 concept the level introduces"),
  /** What opens this level; without it, passing every exercise of the level before it (by order). */
  unlock: z
    .strictObject({
      after: z.string().regex(slugPattern, "unlock.after must be the folder name of an earlier level"),
      passed: z
        .union([z.literal("all"), z.number().int().min(1)], { error: 'unlock.passed must be "all" or a count' })
        .default("all"),
    })
    .optional(),
});
export type LevelYaml = z.infer<typeof LevelYaml>;

/** Frontmatter of <age-group>/<level>/<exercise>/lesson.md */
export const LessonFrontmatter = z.strictObject({
  title: text("title"),
  order,
  /** About how long a learner of this age group needs, in minutes. */
  minutes: z
    .number({ error: "minutes must be a number" })
    .int("minutes must be a whole number")
    .min(1, "minutes must be at least 1")
    .max(90, "minutes must be at most 90"),
  summary: text("summary"),
  hints: z.array(text("a hint")).min(1, "give at least 1 hint").max(3, "give at most 3 hints"),
});
export type LessonFrontmatter = z.infer<typeof LessonFrontmatter>;

/**
 * A test as the grader runs it: the runner's grading contract owns the shape (a program test `{ name, stdin?,
 * stdout }` or a function test `{ name, call, expect }`, each with `shown?` and `hint?`). Hidden unless `shown`.
 */
export const ExerciseTest = z.union(GraderTest.options, {
  error: "a test is either { name, stdin?, stdout } or { name, call, expect }, optionally with shown and hint",
});
export type ExerciseTest = z.infer<typeof ExerciseTest>;
export type FunctionTest = Extract<ExerciseTest, { call: string }>;

/** Numbers and output lines of a test that its name must not give away when the test is hidden. */
function secretsOf(test: ExerciseTest): string[] {
  const values = "call" in test ? [test.call, test.expect] : [test.stdin ?? "", test.stdout];
  const numbers = values.flatMap((v) => v.match(/\d+(?:\.\d+)?/g) ?? []);
  const lines = values.flatMap((v) => v.split("\n").map((l) => l.trim().replace(/^["']|["']$/g, "")));
  return [...numbers, ...lines.filter((l) => l.length >= 3)];
}

/** The secret a hidden test's name reveals, if any. */
export function leakedSecret(test: ExerciseTest): string | undefined {
  if (test.shown) return undefined;
  const name = test.name.toLowerCase();
  const words = new Set(name.split(/[\s,;:!?()]+/).map((w) => w.replace(/^[^\w]+|[^\w]+$/g, "")));
  return secretsOf(test).find((secret) =>
    /^\d/.test(secret) ? words.has(secret) : name.includes(secret.toLowerCase()),
  );
}

/** <age-group>/<level>/<exercise>/tests.yaml */
export const TestsYaml = z.strictObject({
  tests: z
    .array(ExerciseTest)
    .min(3, "an exercise needs at least 3 tests")
    .max(6, "an exercise has at most 6 tests")
    .refine((tests) => new Set(tests.map((t) => t.name)).size === tests.length, "test names must be unique")
    .refine((tests) => tests.some((t) => t.shown), "mark at least one test `shown: true`: the learner's example")
    .superRefine((tests, ctx) => {
      tests.forEach((test, i) => {
        const secret = leakedSecret(test);
        if (secret !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: `the name of a hidden test must not give away its input or answer ("${secret}"): rename it, or mark it shown`,
          });
        }
      });
    }),
});
export type TestsYaml = z.infer<typeof TestsYaml>;

export function isFunctionTest(test: ExerciseTest): test is FunctionTest {
  return "call" in test;
}
