// Fixed table from language to image and argv: the learner's code never reaches a shell or a format string.
import { sandboxImage } from "@codeyard/sandbox";
import type { RunnerFile, RunnerLanguage, RunRequest } from "./contract";

interface LanguageSpec {
  image: string;
  defaultEntry: string;
  argv: (entry: string) => string[];
}

export const languages: Record<RunnerLanguage, LanguageSpec> = {
  python: {
    image: sandboxImage("python").tag,
    defaultEntry: "main.py",
    argv: (entry) => ["python3", "-u", entry],
  },
};

/** The default entry file when present, else the first file. */
export function entryFile(language: RunnerLanguage, files: readonly RunnerFile[]): string {
  const { defaultEntry } = languages[language];
  if (files.some((f) => f.path === defaultEntry)) return defaultEntry;
  const first = files[0];
  if (!first) throw new Error("a run needs at least one file");
  return first.path;
}

/** The image's boot script reads "<n>\n", n bytes of JSON {files, argv}, then the program's own stdin. */
export function bootPayload(request: RunRequest): Buffer {
  const argv = languages[request.language].argv(entryFile(request.language, request.files));
  const header = Buffer.from(JSON.stringify({ files: request.files, argv }));
  return Buffer.concat([Buffer.from(`${header.length}\n`), header, Buffer.from(request.stdin ?? "")]);
}
