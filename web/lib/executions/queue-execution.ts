import "server-only";
import { createExecution, deleteExecution, type NewExecution } from "@codeyard/drizzle";
import { executionRequested } from "@codeyard/inngest";
import { mainFile } from "@codeyard/runner/contract";
import type { GuestId } from "@/lib/auth/guest";
import { admit } from "@/lib/server/admission";
import type { QuotaSubject } from "@/lib/server/quota";
import { getDispatcher } from "@/lib/server/services";
import { concurrencyKey as keyOf } from "@/lib/server/subject";
import { liveEnabled } from "./live-enabled";
import type { CreateExecutionBody } from "./request";

/**
 * Admits one run of these files for the caller; answers its id or throws a Refusal. `interactive`: the page will
 * watch it live and type its input, which it can only do without fixed input and with live output switched on.
 * `guestId`: an anonymous caller's guest, whose runs share one session sandbox. Both are in the event, and on the row
 * for a re-send.
 */
export function admitRun(
  subject: QuotaSubject,
  run: Omit<NewExecution, "userId" | "concurrencyKey" | "interactive">,
  wantsInteractive = false,
  guestId?: GuestId,
): Promise<string> {
  const userId = subject.kind === "user" ? subject.userId : null;
  const concurrencyKey = keyOf(subject);
  const interactive = wantsInteractive && liveEnabled() && !run.stdin;
  const guest = subject.kind !== "user" && guestId ? { guestId } : {};
  return admit({
    kind: "execution",
    subject,
    concurrencyKey,
    insert: async (db) => (await createExecution(db, { ...run, userId, concurrencyKey, interactive, ...guest })).id,
    withdraw: deleteExecution,
    dispatch: (executionId) =>
      getDispatcher().send(executionRequested.create({ executionId, userId, concurrencyKey, interactive, ...guest })),
  });
}

/** Queues one run of the caller's one-file program; answers its id or throws a Refusal. */
export function queueExecution(input: CreateExecutionBody, subject: QuotaSubject, guestId?: GuestId): Promise<string> {
  return admitRun(
    subject,
    {
      language: input.language,
      files: [{ path: mainFile[input.language], content: input.code }],
      stdin: input.stdin,
    },
    input.interactive,
    guestId,
  );
}
