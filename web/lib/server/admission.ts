import "server-only";
// How new sandbox work (a run, a grading) is admitted, one order for every kind: the cheap quota check, then
// the caller's outstanding work, then the insert, then the place in the queue (backpressure), then the event.
// Whatever refuses after the quota was charged gives it back, and a stored row that was never sent is removed:
// refused work leaves nothing behind and costs the learner nothing.
import { countOutstanding, type Db, getQueuePosition, getQueueStats, type WorkKind } from "@codeyard/drizzle";
import { inngestEnv } from "@codeyard/inngest";
import { env } from "@/env";
import { busyMessage, busyRetryAfterSeconds, estimateWaitMs } from "./backpressure";
import { Refusal } from "./http";
import { logger } from "./logger";
import { getQuota, type Quota, type QuotaAction, type QuotaSubject, unidentifiedMessage } from "./quota";
import { getDb } from "./services";

/** Queued or running work one caller may have: more would only queue behind itself and crowd others out. */
export const maxOutstanding: Record<WorkKind, number> = { execution: 2, submission: 1 };

const quotaAction = { execution: "runs", submission: "submissions" } as const;
/** Runs go to session sandboxes (a user's, or a guest's); gradings to one-shot ones. */
const sandboxOf = { execution: "session", submission: "oneShot" } as const;
const words = {
  execution: { one: "run", many: "runs", verb: "save runs" },
  submission: { one: "answer being checked", many: "answers being checked", verb: "check answers" },
};

export interface Work {
  kind: WorkKind;
  subject: QuotaSubject;
  /** The quota it is charged to, when not its kind's own ("Run examples" is a grading charged as a run). */
  quota?: QuotaAction;
  /** Inngest concurrency key, also stored on the row: `user:<id>` or `ip:<address>`. */
  concurrencyKey: string;
  insert(db: Db): Promise<string>;
  /** Removes the row of work that was refused or never sent. */
  withdraw(db: Db, id: string): Promise<void>;
  dispatch(id: string): Promise<void>;
}

function unavailable(kind: WorkKind): Refusal {
  return new Refusal(503, `Codeyard cannot ${words[kind].verb} right now. Please try again in a moment.`, {
    "retry-after": "5",
  });
}

export interface AdmissionDeps {
  getDb: () => Promise<Db>;
  getQuota: () => Quota;
}

/** Admits the work and answers its id, or throws the Refusal that explains why not. */
export async function admit(work: Work, deps: AdmissionDeps = { getDb, getQuota }): Promise<string> {
  const { kind, subject } = work;
  const action = work.quota ?? quotaAction[kind];
  // No address to count an anonymous caller against (production without a trusted proxy setting): refused
  // before any work, with the way forward.
  if (subject.kind === "unidentified") throw new Refusal(403, unidentifiedMessage);
  const quota = deps.getQuota();
  const decision = await quota.consume(action, subject);
  if (!decision.ok) {
    const headers = { "retry-after": String(decision.retryAfterSeconds) };
    if (decision.reason === "unavailable") throw new Refusal(503, decision.message, headers);
    throw new Refusal(429, decision.message, headers, {
      limit: decision.reason,
      resetAt: decision.resetAt.toISOString(),
    });
  }

  let db: Db | undefined;
  let id: string | undefined;
  const giveBack = async (refusal: Refusal): Promise<never> => {
    if (db && id) await work.withdraw(db, id).catch((err: unknown) => logger.warn({ err, id }, "withdraw failed"));
    await quota.refund(action, subject).catch((err: unknown) => logger.warn({ err }, "refund failed"));
    throw refusal;
  };

  try {
    db = await deps.getDb();
    const outstanding = await countOutstanding(db, kind, work.concurrencyKey);
    if (outstanding >= maxOutstanding[kind]) {
      const n = maxOutstanding[kind];
      return await giveBack(
        new Refusal(
          429,
          `You already have ${n} ${n === 1 ? words[kind].one : words[kind].many} waiting. Wait for ${n === 1 ? "it" : "one"} to finish, then try again.`,
          { "retry-after": "2" },
          { limit: "outstanding" },
        ),
      );
    }
    id = await work.insert(db);
    // The place of this work among everything queued before it: requests arriving together each count
    // only those ahead of them, so about as many are accepted as fit under the limit.
    const [position, stats] = await Promise.all([getQueuePosition(db, kind, id), getQueueStats(db)]);
    const waitMs = estimateWaitMs(position, stats, { slots: inngestEnv.capacity.total }, sandboxOf[kind]);
    if (waitMs > env.BACKPRESSURE_MAX_WAIT_MS) {
      const retryAfter = busyRetryAfterSeconds(waitMs, env.BACKPRESSURE_MAX_WAIT_MS);
      return await giveBack(new Refusal(503, busyMessage(waitMs), { "retry-after": String(retryAfter) }));
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    logger.error({ err: error, kind }, "database unavailable");
    return giveBack(unavailable(kind));
  }

  try {
    await work.dispatch(id);
  } catch (error) {
    logger.error({ err: error, kind, id }, "could not send the event");
    return giveBack(unavailable(kind));
  }
  return id;
}
