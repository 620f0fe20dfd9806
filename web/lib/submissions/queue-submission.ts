import "server-only";
import { createSubmission, deleteSubmission, listProgress } from "@codeyard/drizzle";
import { submissionRequested } from "@codeyard/inngest";
import { mainFile, type RunnerFile } from "@codeyard/runner/contract";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { exerciseStates } from "@/lib/learning/level-map";
import { admit } from "@/lib/server/admission";
import { Refusal } from "@/lib/server/http";
import { getDb, getDispatcher } from "@/lib/server/services";
import { concurrencyKey as keyOf } from "@/lib/server/subject";

/** Queues the grading of the viewer's answer to an exercise; answers its id or throws a Refusal. */
export async function queueSubmission(
  viewer: Viewer,
  input: { exerciseId: string; files: RunnerFile[] },
): Promise<string> {
  const exercise = getExercise(input.exerciseId);
  if (!exercise) throw new Refusal(404, "No such exercise.");
  const main = mainFile[exercise.language];
  if (!input.files.some((f) => f.path === main))
    throw new Refusal(400, `This exercise checks ${main}: submit a ${main}.`);
  await requireUnlocked(viewer, exercise.id, exercise.groupId);
  const subject = { kind: "user", userId: viewer.id } as const;
  const concurrencyKey = keyOf(subject);
  return admit({
    kind: "submission",
    subject,
    concurrencyKey,
    insert: async (db) =>
      (
        await createSubmission(db, {
          userId: viewer.id,
          exerciseId: exercise.id,
          language: exercise.language,
          files: input.files,
          tests: exercise.tests,
        })
      ).id,
    withdraw: deleteSubmission,
    dispatch: (submissionId) =>
      getDispatcher().send(submissionRequested.create({ submissionId, userId: viewer.id, concurrencyKey })),
  });
}

/** A locked exercise (a later level, before the current one is finished) cannot be submitted. */
async function requireUnlocked(viewer: Viewer, exerciseId: string, groupId: string): Promise<void> {
  const group = loadCurriculum().groups.find((g) => g.id === groupId);
  if (!group) return;
  let completed: Set<string>;
  try {
    completed = new Set((await listProgress(await getDb(), viewer.id)).map((p) => p.exerciseId));
  } catch {
    throw new Refusal(503, "Codeyard cannot check answers right now. Please try again in a moment.", {
      "retry-after": "5",
    });
  }
  if (exerciseStates(group.levels, completed).get(exerciseId) === "locked") {
    throw new Refusal(403, "This exercise is still locked: finish the exercises of the level before it first.");
  }
}
