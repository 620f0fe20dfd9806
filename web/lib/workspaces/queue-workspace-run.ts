import "server-only";
import { admitRun } from "@/lib/executions/queue-execution";
import { Refusal } from "@/lib/server/http";
import type { QuotaSubject } from "@/lib/server/quota";
import { getDb } from "@/lib/server/services";
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
  return admitRun(
    subject,
    {
      language: run.language,
      files: run.files,
      entry: input.entry,
      workspaceId: input.workspaceId,
      stdin: input.stdin,
    },
    input.interactive,
  );
}
