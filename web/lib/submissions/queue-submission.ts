import "server-only";
import { createSubmission, deleteSubmission, listProgress } from "@codeyard/drizzle";
import { type Dispatcher, submissionRequested } from "@codeyard/inngest";
import type { RunnerFile } from "@codeyard/runner/contract";
import type { Viewer } from "@/lib/auth/viewer";
import { getExercise, loadCurriculum } from "@/lib/curriculum/load";
import { exerciseStates, levelLocks, lockMessage } from "@/lib/learning/level-map";
import { type AdmissionDeps, admit } from "@/lib/server/admission";
import { Refusal } from "@/lib/server/http";
import { getQuota } from "@/lib/server/quota";
import { getDb, getDispatcher } from "@/lib/server/services";
import { concurrencyKey as keyOf } from "@/lib/server/subject";

export interface QueueSubmissionDeps extends AdmissionDeps {
  send: Dispatcher["send"];
}
const defaultDeps: QueueSubmissionDeps = { getDb, getQuota, send: (event) => getDispatcher().send(event) };

/**
 * Queues the grading of the viewer's answer to an exercise; answers its id or throws a Refusal. With `examples`
 * ("Run examples") only the tests the learner can see are run: it records no progress, is no answer to review,
 * and is charged to the runs quota, as trying the program is.
 */
export async function queueSubmission(
  viewer: Viewer,
  input: { exerciseId: string; files: RunnerFile[]; examples?: boolean },
  deps: QueueSubmissionDeps = defaultDeps,
): Promise<string> {
  const exercise = getExercise(input.exerciseId);
  if (!exercise) throw new Refusal(404, "No such exercise.");
  await requireUnlocked(viewer, exercise.id, exercise.groupId, deps);
  const examplesOnly = input.examples === true;
  const subject = { kind: "user", userId: viewer.id } as const;
  const concurrencyKey = keyOf(subject);
  return admit(
    {
      kind: "submission",
      ...(examplesOnly ? { quota: "runs" as const } : {}),
      subject,
      concurrencyKey,
      insert: async (db) =>
        (
          await createSubmission(db, {
            userId: viewer.id,
            exerciseId: exercise.id,
            files: input.files,
            tests: examplesOnly ? exercise.tests.filter((t) => t.shown) : exercise.tests,
            examplesOnly,
          })
        ).id,
      withdraw: deleteSubmission,
      dispatch: (submissionId) =>
        deps.send(submissionRequested.create({ submissionId, userId: viewer.id, concurrencyKey })),
    },
    deps,
  );
}

/** A locked exercise (its level's unlock rule not met yet) cannot be submitted nor its examples run. */
async function requireUnlocked(viewer: Viewer, exerciseId: string, groupId: string, deps: QueueSubmissionDeps) {
  const group = loadCurriculum().groups.find((g) => g.id === groupId);
  if (!group) return;
  let completed: Set<string>;
  try {
    completed = new Set((await listProgress(await deps.getDb(), viewer.id)).map((p) => p.exerciseId));
  } catch {
    throw new Refusal(503, "Codeyard cannot check answers right now. Please try again in a moment.", {
      "retry-after": "5",
    });
  }
  if (exerciseStates(group.levels, completed).get(exerciseId) === "locked") {
    const lock = levelLocks(group.levels, completed).get(getExercise(exerciseId)?.levelId ?? "");
    throw new Refusal(403, `This exercise is still locked. ${lock ? lockMessage(lock, "it") : ""}`.trim());
  }
}
