import "server-only";
import { createExecution, deleteExecution } from "@codeyard/drizzle";
import { executionRequested } from "@codeyard/inngest";
import { admit } from "@/lib/server/admission";
import type { QuotaSubject } from "@/lib/server/quota";
import { getDispatcher } from "@/lib/server/services";
import { concurrencyKey as keyOf } from "@/lib/server/subject";
import type { CreateExecutionBody } from "./request";

const entryFile = { python: "main.py", javascript: "main.js" } as const;

/** Queues one run of the caller's program; answers its id or throws a Refusal. */
export async function queueExecution(input: CreateExecutionBody, subject: QuotaSubject): Promise<string> {
  const userId = subject.kind === "user" ? subject.userId : null;
  const concurrencyKey = keyOf(subject);
  return admit({
    kind: "execution",
    subject,
    concurrencyKey,
    insert: async (db) =>
      (
        await createExecution(db, {
          userId,
          language: input.language,
          files: [{ path: entryFile[input.language], content: input.code }],
          stdin: input.stdin,
          concurrencyKey,
        })
      ).id,
    withdraw: deleteExecution,
    dispatch: (executionId) => getDispatcher().send(executionRequested.create({ executionId, userId, concurrencyKey })),
  });
}
