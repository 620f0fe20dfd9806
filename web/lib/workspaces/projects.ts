import "server-only";
import { createProject as insertProject, type Workspace } from "@codeyard/drizzle";
import type { RunnerLanguage } from "@codeyard/runner/contract";
import { getDb } from "@/lib/server/services";

const firstFile: Record<RunnerLanguage, { path: string; content: string }> = {
  python: { path: "main.py", content: 'print("Hello from my project!")\n' },
  javascript: { path: "main.js", content: 'console.log("Hello from my project!");\n' },
};

/** A new personal project with one file to start from. */
export async function createProject(
  userId: string,
  input: { name: string; language: RunnerLanguage },
): Promise<Workspace> {
  return insertProject(await getDb(), { userId, ...input, files: [firstFile[input.language]] });
}
