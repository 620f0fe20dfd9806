// Admission against a real Postgres and the real quota (in-process store): the one order, and that whatever is
// refused leaves no row behind and costs no quota.
import { countExecutions, createExecution, type DbHandle, deleteExecution } from "@codeyard/drizzle";
import { createTestDb } from "@codeyard/drizzle/testing";
import { inngestEnv } from "@codeyard/inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { type AdmissionDeps, admit } from "./admission";
import { defaultServiceMs } from "./backpressure";
import { Refusal } from "./http";
import { createQuota, type Quota, type QuotaSubject } from "./quota/quota";

let handle: DbHandle;
let quota: Quota;
let deps: AdmissionDeps;

beforeAll(async () => {
  handle = await createTestDb();
  const limits = { perMinute: 5, perDay: 50 };
  // The in-process store: the same Quota as with Redis (quota.test.ts runs both).
  quota = createQuota({
    config: { runs: { user: limits, anonymous: limits }, submissions: { user: limits, anonymous: limits } },
  });
  deps = { getDb: async () => handle.db, getQuota: () => quota };
});
afterAll(async () => {
  await handle?.close();
});

let n = 0;
function work(subject: QuotaSubject, dispatch: (id: string) => Promise<void> = async () => {}) {
  const concurrencyKey = subject.kind === "user" ? `user:${subject.userId}` : `ip:${n++}`;
  return {
    kind: "execution" as const,
    subject,
    concurrencyKey,
    insert: async (db: Parameters<typeof createExecution>[0]) =>
      (
        await createExecution(db, {
          language: "python",
          files: [{ path: "main.py", content: "print(1)" }],
          concurrencyKey,
        })
      ).id,
    withdraw: deleteExecution,
    dispatch,
  };
}

const user = (id: string): QuotaSubject => ({ kind: "user", userId: id });
// The day's window: the minute's could turn over between two lines of a test.
const runsLeft = async (subject: QuotaSubject) => (await quota.usage("runs", subject))?.day.remaining;

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe("admitting sandbox work", () => {
  it("stores the work, sends its event once, and charges one run", async () => {
    const sent: string[] = [];
    const id = await admit(
      work(user("ada"), async (i) => void sent.push(i)),
      deps,
    );
    expect(sent).toEqual([id]);
    expect(await runsLeft(user("ada"))).toBe(49);
  });

  it("refuses a third outstanding run with a sentence, storing nothing and charging nothing", async () => {
    const subject = user("bo");
    await admit(work(subject), deps);
    await admit(work(subject), deps);
    const before = await countExecutions(handle.db);
    const refused = await refusal(admit(work(subject), deps));
    expect(refused).toMatchObject({ status: 429, extra: { limit: "outstanding" } });
    expect(refused.message).toMatch(/already have 2 runs waiting/);
    expect(await countExecutions(handle.db)).toBe(before);
    expect(await runsLeft(subject)).toBe(48);
  });

  it("withdraws the row and gives the run back when the event cannot be sent", async () => {
    const subject = user("cy");
    const before = await countExecutions(handle.db);
    const refused = await refusal(
      admit(
        work(subject, async () => {
          throw new Error("Inngest is down");
        }),
        deps,
      ),
    );
    expect(refused).toMatchObject({ status: 503 });
    expect(refused.message).toMatch(/cannot save runs right now/);
    expect(await countExecutions(handle.db)).toBe(before);
    expect(await runsLeft(subject)).toBe(50);
  });

  it("refuses work whose place in the queue means too long a wait, and keeps the work ahead of it", async () => {
    // Nothing ran yet, so a run (a session run) is assumed to take 0.3 s: beyond the free slots, 5 s of turns
    // hold 5 / 0.3 x slots runs; one more than that is refused.
    const slots = inngestEnv.capacity.total;
    const fit = slots + Math.floor((slots * env.BACKPRESSURE_MAX_WAIT_MS) / defaultServiceMs.session);
    const queued = await countExecutions(handle.db);
    for (let i = queued; i < fit; i++) {
      await createExecution(handle.db, { language: "python", files: [{ path: "main.py", content: "" }] });
    }
    const subject = user("dee");
    const before = await countExecutions(handle.db);
    const refused = await refusal(admit(work(subject), deps));
    expect(refused).toMatchObject({ status: 503 });
    expect(refused.message).toMatch(/very busy/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await countExecutions(handle.db)).toBe(before);
    expect(await runsLeft(subject)).toBe(50);
  });

  it("refuses an anonymous caller with no trusted address before anything else", async () => {
    const before = await countExecutions(handle.db);
    const refused = await refusal(admit(work({ kind: "unidentified" }), deps));
    expect(refused.status).toBe(403);
    expect(await countExecutions(handle.db)).toBe(before);
  });
});
