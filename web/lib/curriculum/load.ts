// Reads the curriculum (web/content/curriculum) from disk once, validates every file, and serves it from memory.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { prettifyError, ZodError, type z } from "zod";
import { type ExerciseTest, GroupYaml, LessonFrontmatter, LevelYaml, slugPattern, TestsYaml } from "./schema";

export type ExerciseSummary = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  order: number;
  minutes: number;
};
export type Level = {
  id: string;
  title: string;
  description: string;
  order: number;
  concepts: string[];
  /** What opens this level, its default resolved: null for an open level (the first one). */
  unlock: UnlockRule | null;
  exercises: ExerciseSummary[];
};
/** A level opens once `passed` exercises (a count, or all of them) of the level `after` are passed. */
export type UnlockRule = { after: string; passed: number | "all" };
export type AgeGroup = { id: string; title: string; ages: string; description: string; levels: Level[] };
export type Curriculum = { groups: AgeGroup[] };

/** Everything about one exercise, including what must stay on the server: `solution` and the hidden `tests`. */
export type Exercise = {
  /** `<age-group>/<level>/<exercise>`, e.g. `8-11/first-steps/say-hello`. */
  id: string;
  groupId: string;
  levelId: string;
  slug: string;
  title: string;
  summary: string;
  minutes: number;
  lessonMarkdown: string;
  hints: string[];
  starter: string;
  solution: string;
  tests: ExerciseTest[];
};
/** What may be sent to a browser. */
export type PublicExercise = Omit<Exercise, "solution" | "tests">;

export class CurriculumError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Invalid curriculum file ${file}: ${detail}`);
    this.name = "CurriculumError";
  }
}

/** The content folder, whether the process runs in web/ (next dev, vitest, Vercel) or at the repository root. */
export function curriculumRoot(cwd: string = process.cwd()): string {
  const candidates = [join(cwd, "content", "curriculum"), join(cwd, "web", "content", "curriculum")];
  const found = candidates.find((dir) => existsSync(dir) && statSync(dir).isDirectory());
  if (!found) throw new Error(`Curriculum content not found. Looked in: ${candidates.join(", ")}`);
  return found;
}

type Loaded = { curriculum: Curriculum; exercises: Map<string, Exercise> };
const cache = new Map<string, Loaded>();

function loaded(root: string = curriculumRoot()): Loaded {
  const key = resolve(root);
  let entry = cache.get(key);
  if (!entry) {
    if (!existsSync(key)) throw new Error(`Curriculum content not found at ${key}`);
    // Frozen because every request shares these objects: a caller that edits one would change it for everyone.
    entry = deepFreeze(readCurriculum(key));
    cache.set(key, entry);
  }
  return entry;
}

/** The whole tree, sorted by `order`. Read and validated on first use, then cached for the process's lifetime. */
export function loadCurriculum(root?: string): Curriculum {
  return loaded(root).curriculum;
}

export function listAgeGroups(root?: string): AgeGroup[] {
  return loaded(root).curriculum.groups;
}

/** Looks the id up in memory (never on disk), so any string from a URL is safe to pass. */
export function getExercise(id: string, root?: string): Exercise | undefined {
  return loaded(root).exercises.get(id);
}

/** An allowlist rather than a spread, so a field added to Exercise later never reaches a browser by accident. */
export function publicExercise(exercise: Exercise): PublicExercise {
  const { id, groupId, levelId, slug, title, summary, minutes, lessonMarkdown, hints, starter } = exercise;
  return { id, groupId, levelId, slug, title, summary, minutes, lessonMarkdown, hints: [...hints], starter };
}

/** A sibling with its `order` and the file that set it, for sorting and for naming that file in errors. */
type Ordered<T> = { order: number; file: string; value: T };

function readCurriculum(root: string): Loaded {
  const exercises = new Map<string, Exercise>();
  const groups = byOrder(subfolders(root).map((slug) => readGroup(join(root, slug), slug, exercises)));
  return { curriculum: { groups }, exercises };
}

function readGroup(dir: string, groupId: string, exercises: Map<string, Exercise>): Ordered<AgeGroup> {
  const file = join(dir, "group.yaml");
  const { id, title, ages, description, order } = readYaml(file, GroupYaml);
  if (id !== groupId) throw new CurriculumError(file, `id "${id}" must equal its folder name "${groupId}"`);
  const read = subfolders(dir).map((levelId) => readLevel(join(dir, levelId), groupId, levelId, exercises));
  const levels = resolveUnlocks(byOrder(read), new Map(read.map((l) => [l.value.id, l.file])));
  return { order, file, value: { id, title, ages, description, levels } };
}

function readLevel(dir: string, groupId: string, levelId: string, exercises: Map<string, Exercise>): Ordered<Level> {
  const file = join(dir, "level.yaml");
  const { title, description, order, concepts, unlock } = readYaml(file, LevelYaml);
  const summaries = byOrder(
    subfolders(dir).map((slug): Ordered<ExerciseSummary> => {
      const { exercise, order, file } = readExercise(join(dir, slug), groupId, levelId, slug);
      exercises.set(exercise.id, exercise);
      return {
        order,
        file,
        value: {
          id: exercise.id,
          slug,
          title: exercise.title,
          summary: exercise.summary,
          order,
          minutes: exercise.minutes,
        },
      };
    }),
  );
  const value = { id: levelId, title, description, order, concepts, unlock: unlock ?? null, exercises: summaries };
  return { order, file, value };
}

/** Applies the default rule (the level before, all of it) and checks that a rule names an earlier level. */
function resolveUnlocks(levels: Level[], files: Map<string, string>): Level[] {
  return levels.map((level, i) => {
    const previous = levels[i - 1];
    if (!level.unlock) return { ...level, unlock: previous ? { after: previous.id, passed: "all" } : null };
    const { after, passed } = level.unlock;
    const file = files.get(level.id) ?? level.id;
    const earlier = levels.slice(0, i).find((l) => l.id === after);
    if (!earlier) {
      const names = levels.slice(0, i).map((l) => l.id);
      throw new CurriculumError(
        file,
        `unlock.after "${after}" must name a level that comes before this one (${names.join(", ") || "none does"})`,
      );
    }
    if (passed !== "all" && passed > earlier.exercises.length) {
      throw new CurriculumError(
        file,
        `unlock.passed is ${passed}, but "${after}" has only ${earlier.exercises.length} exercises`,
      );
    }
    return level;
  });
}

function readExercise(
  dir: string,
  groupId: string,
  levelId: string,
  slug: string,
): { order: number; file: string; exercise: Exercise } {
  const file = join(dir, "lesson.md");
  const { frontmatter, body } = readLesson(file);
  const exercise: Exercise = {
    id: `${groupId}/${levelId}/${slug}`,
    groupId,
    levelId,
    slug,
    title: frontmatter.title,
    summary: frontmatter.summary,
    minutes: frontmatter.minutes,
    lessonMarkdown: body,
    hints: frontmatter.hints,
    starter: readPython(join(dir, "starter.py")),
    solution: readPython(join(dir, "solution.py")),
    tests: readYaml(join(dir, "tests.yaml"), TestsYaml).tests,
  };
  return { order: frontmatter.order, file, exercise };
}

function readLesson(file: string): { frontmatter: LessonFrontmatter; body: string } {
  const source = readText(file)
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)([\s\S]*)$/.exec(source);
  if (!match) throw new CurriculumError(file, "it must start with a frontmatter block between two --- lines");
  const frontmatter = validate(file, LessonFrontmatter, parseYamlText(file, match[1] ?? ""));
  const body = (match[2] ?? "").trim();
  if (!body) throw new CurriculumError(file, "the lesson text after the frontmatter is empty");
  return { frontmatter, body: `${body}\n` };
}

function readPython(file: string): string {
  const source = readText(file).replace(/\r\n?/g, "\n");
  if (!source.trim()) throw new CurriculumError(file, "the file is empty");
  return source;
}

function readYaml<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  return validate(file, schema, parseYamlText(file, readText(file)));
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new CurriculumError(file, missing ? "the file is missing" : String(error));
  }
}

function parseYamlText(file: string, source: string): unknown {
  try {
    return parseYaml(source);
  } catch (error) {
    throw new CurriculumError(file, `not valid YAML: ${(error as Error).message}`);
  }
}

function validate<T extends z.ZodType>(file: string, schema: T, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(withClosestUnionBranch);
    throw new CurriculumError(file, `\n${prettifyError(new ZodError(issues))}`);
  }
  return parsed.data;
}

/** A failed union only says "neither shape"; the branch with the fewest problems usually says what is wrong. */
function withClosestUnionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const closest = issue.errors.reduce<z.core.$ZodIssue[] | undefined>(
    (best, branch) => (!best || branch.length < best.length ? branch : best),
    undefined,
  );
  return [issue, ...(closest ?? []).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }))];
}

function subfolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => {
      if (!slugPattern.test(entry.name)) {
        throw new CurriculumError(join(dir, entry.name), "folder names must be kebab-case slugs, e.g. first-steps");
      }
      return entry.name;
    })
    .sort();
}

/** Sorts siblings by `order`; two siblings with the same order would make the sequence ambiguous. */
function byOrder<T>(items: Ordered<T>[]): T[] {
  const sorted = [...items].sort((a, b) => a.order - b.order);
  sorted.forEach((item, i) => {
    const previous = sorted[i - 1];
    if (previous && previous.order === item.order) {
      throw new CurriculumError(item.file, `order ${item.order} is also used by ${previous.file}`);
    }
  });
  return sorted.map((item) => item.value);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(inner);
  }
  return value;
}
