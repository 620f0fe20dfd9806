// Checks the whole curriculum and lists every problem at once (the loader stops at the first one): missing or
// malformed files and fields, duplicate ids, orders and titles, broken relative links in lessons, files of the wrong
// language, and hints that are as long as the solution or contain it. Run by lint.test.ts over the real content.
import { existsSync, readdirSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { mainFile, type RunnerLanguage, runnerLanguages } from "@codeyard/runner/contract";
import { CurriculumError, readCode, readLesson, readYaml } from "./load";
import { GroupYaml, LevelYaml, slugPattern, TestsYaml } from "./schema";

export type LintProblem = { file: string; message: string };

export function lintCurriculum(root: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const report = (file: string, message: string) => problems.push({ file, message });
  /** The value `read` gives, or undefined with its CurriculumError reported. */
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof CurriculumError)) throw error;
      report(error.file, error.message.slice(`Invalid curriculum file ${error.file}: `.length).trim());
      return undefined;
    }
  };
  const groupIds = new Unique("group id", report);
  const groupOrders = new Unique("order", report);
  for (const groupSlug of folders(root, report)) {
    const groupDir = join(root, groupSlug);
    const groupFile = join(groupDir, "group.yaml");
    const group = attempt(() => readYaml(groupFile, GroupYaml));
    if (group) {
      if (group.id !== groupSlug) report(groupFile, `id "${group.id}" must equal its folder name "${groupSlug}"`);
      groupIds.add(group.id, groupFile);
      groupOrders.add(group.order, groupFile);
    }
    const levelOrders = new Unique("order", report);
    for (const levelSlug of folders(groupDir, report)) {
      const levelDir = join(groupDir, levelSlug);
      const levelFile = join(levelDir, "level.yaml");
      const level = attempt(() => readYaml(levelFile, LevelYaml));
      if (level) levelOrders.add(level.order, levelFile);
      const language = level?.language ?? "python";
      const exerciseOrders = new Unique("order", report);
      const titles = new Unique("title", report);
      for (const slug of folders(levelDir, report)) {
        const dir = join(levelDir, slug);
        const lessonFile = join(dir, "lesson.md");
        const lesson = attempt(() => readLesson(lessonFile));
        attempt(() => readYaml(join(dir, "tests.yaml"), TestsYaml));
        attempt(() => readCode(join(dir, `starter${extname(mainFile[language])}`)));
        const solution = attempt(() => readCode(join(dir, `solution${extname(mainFile[language])}`)));
        for (const file of strayFiles(dir, language)) report(file, `a ${language} level has no use for this file`);
        if (!lesson) continue;
        exerciseOrders.add(lesson.frontmatter.order, lessonFile);
        titles.add(lesson.frontmatter.title, lessonFile);
        for (const target of brokenLinks(lesson.body, dir)) report(lessonFile, `the link "${target}" points nowhere`);
        if (solution) {
          for (const message of hintProblems(lesson.frontmatter.hints, solution)) report(lessonFile, message);
        }
      }
    }
  }
  return problems;
}

/** Values that must not repeat among siblings; the second holder of a value is reported with the first. */
class Unique<T> {
  private readonly seen = new Map<T, string>();
  constructor(
    private readonly what: string,
    private readonly report: (file: string, message: string) => void,
  ) {}

  add(value: T, file: string): void {
    const first = this.seen.get(value);
    if (first === undefined) this.seen.set(value, file);
    else this.report(file, `${this.what} ${JSON.stringify(value)} is also used by ${first}`);
  }
}

function folders(dir: string, report: (file: string, message: string) => void): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .filter((name) => {
      const ok = slugPattern.test(name);
      if (!ok) report(join(dir, name), "folder names must be kebab-case slugs, e.g. first-steps");
      return ok;
    })
    .sort();
}

/** Starters and solutions of another language (a level's language decides which ones are read). */
function strayFiles(dir: string, language: RunnerLanguage): string[] {
  const others = runnerLanguages.filter((l) => l !== language).map((l) => extname(mainFile[l]));
  return ["starter", "solution"].flatMap((name) =>
    others.map((ext) => join(dir, `${name}${ext}`)).filter((file) => existsSync(file)),
  );
}

/** Relative link and image targets in Markdown (outside code) that name no file next to the lesson. */
export function brokenLinks(markdown: string, dir: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, "").replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)];
  const references = [...prose.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)];
  return [...inline, ...references]
    .map((match) => match[1] ?? "")
    .filter((target) => target !== "" && !/^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(target))
    .filter((target) => !existsSync(resolve(dir, safeDecode(target.replace(/[#?].*$/, "")))));
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** A hint nudges: it is shorter than the reference solution and never contains it. */
export function hintProblems(hints: readonly string[], solution: string): string[] {
  const squash = (text: string) => text.replace(/\s+/g, " ").trim();
  const answer = squash(solution);
  return hints.flatMap((hint, i) => {
    const problems: string[] = [];
    if (squash(hint).length >= answer.length) problems.push(`hint ${i + 1} is not shorter than the solution`);
    if (squash(hint).includes(answer)) problems.push(`hint ${i + 1} contains the whole solution`);
    return problems;
  });
}
