import "server-only";
import { createExecution, deleteExecution } from "@codeyard/drizzle";
import { executionRequested } from "@codeyard/inngest";
import { admit } from "@/lib/server/admission";
import { Refusal } from "@/lib/server/http";
import type { QuotaSubject } from "@/lib/server/quota";
import { getDb, getDispatcher } from "@/lib/server/services";
import { concurrencyKey as keyOf } from "@/lib/server/subject";
import { type WorkspaceRunBody, workspaceRunFiles } from "./run-files";

export { WorkspaceRunBody } from "./run-files";

/** Queues one run of a signed-in learner's workspace; answers its id or throws a Refusal. */
export async function queueWorkspaceRun(input: WorkspaceRunBody, subject: QuotaSubject): Promise<string> {
  if (subject.kind !== "user") throw new Refusal(401, "Sign up or sign in to run your workspace.");
  const { userId } = subject;
  let run: Awaited<ReturnType<typeof workspaceRunFiles>>;
  try {
    run = await workspaceRunFiles(await getDb(), userId, input);
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal(503, "Codeyard cannot read your files right now. Please try again in a moment.", {
      "retry-after": "5",
    });
  }
  const concurrencyKey = keyOf(subject);
  return admit({
    kind: "execution",
    subject,
    concurrencyKey,
    insert: async (db) =>
      (
        await createExecution(db, {
          userId,
          language: run.language,
          files: run.files,
          entry: input.entry,
          workspaceId: input.workspaceId,
          stdin: input.stdin,
          concurrencyKey,
        })
      ).id,
    withdraw: deleteExecution,
    dispatch: (executionId) => getDispatcher().send(executionRequested.create({ executionId, userId, concurrencyKey })),
  });
}
