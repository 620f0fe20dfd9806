import "server-only";
import {
  getWorkspace,
  openLessonWorkspace,
  resetLessonWorkspace,
  type StarterFile,
  type Workspace,
} from "@codeyard/drizzle";
import { mainFile, type RunnerLanguage } from "@codeyard/runner/contract";
import { getExercise } from "@/lib/curriculum/load";
import { Refusal } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";

/** What a lesson's workspace starts from: one starter, main.py (main.js in JavaScript), which is also its entry. */
export function lessonStarter(
  exerciseId: string,
): { entry: string; starter: StarterFile[]; name: string; language: RunnerLanguage } | undefined {
  const exercise = getExercise(exerciseId);
  if (!exercise) return undefined;
  const entry = mainFile[exercise.language];
  return {
    name: exercise.title,
    entry,
    starter: [{ path: entry, content: exercise.starter }],
    language: exercise.language,
  };
}

/** The viewer's workspace for a lesson, made from its starter files (and any old draft) on first open. */
export async function openLesson(userId: string, exerciseId: string): Promise<Workspace> {
  const starter = lessonStarter(exerciseId);
  if (!starter) throw new Refusal(404, "No such exercise.");
  return openLessonWorkspace(await getDb(), { userId, exerciseId, ...starter });
}

/** Restores the starter files of the lesson a workspace belongs to and removes every other file. */
export async function resetLesson(userId: string, workspaceId: string) {
  const db = await getDb();
  const workspace = await getWorkspace(db, { userId, workspaceId });
  const starter = workspace?.exerciseId ? lessonStarter(workspace.exerciseId) : undefined;
  if (!workspace) throw new Refusal(404, "This workspace does not exist or is not yours.");
  if (!starter) throw new Refusal(400, "Only a lesson's workspace can be reset.");
  return resetLessonWorkspace(db, { userId, workspaceId }, starter);
}
