import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createQuota, type Quota, type QuotaConfig, unidentifiedMessage } from "./quota";
import { ownRedis } from "./test-redis";

const runs = { user: { perMinute: 5, perDay: 50 }, anonymous: { perMinute: 5, perDay: 20 } };
const config: QuotaConfig = { runs, submissions: runs };
const withRuns = (r: QuotaConfig["runs"]): QuotaConfig => ({ runs: r, submissions: runs });
const warnings: string[] = [];

/** A withdrawn run gives back one unit of both windows, and a refund never goes above the limit. */
async function expectRefundsWork(quota: Quota, tag: string) {
  // The middle of a minute, so the sliding window cannot turn over halfway through.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 30_000);
  const subject = { kind: "user" as const, userId: `refund-${tag}-${Date.now()}` };
  for (let i = 0; i < 5; i++) expect((await quota.consume("runs", subject)).ok).toBe(true);
  expect((await quota.consume("runs", subject)).ok).toBe(false);
  expect((await quota.usage("runs", subject))?.day.remaining).toBe(45);

  await quota.refund("runs", subject);
  const after = await quota.usage("runs", subject);
  expect(after?.minute.remaining).toBe(1);
  expect(after?.day.remaining).toBe(46);
  expect((await quota.consume("runs", subject)).ok).toBe(true);
  expect((await quota.consume("runs", subject)).ok).toBe(false);

  // Nothing used: a refund gives nothing (no credit beyond the limit).
  const fresh = { kind: "ip" as const, ip: `refund-${tag}-${Date.now()}` };
  await quota.refund("runs", fresh);
  const untouched = await quota.usage("runs", fresh);
  expect(untouched?.minute.remaining).toBe(5);
  expect(untouched?.day.remaining).toBe(20);
  for (let i = 0; i < 5; i++) expect((await quota.consume("runs", fresh)).ok).toBe(true);
  expect((await quota.consume("runs", fresh)).ok).toBe(false);
}

/** A run refused for the day does not use up a unit of the minute. */
async function expectDayDenialKeepsTheMinute(quota: Quota, tag: string) {
  const subject = { kind: "user" as const, userId: `daydeny-${tag}-${Date.now()}` };
  for (let i = 0; i < 2; i++) expect((await quota.consume("runs", subject)).ok).toBe(true);
  expect(await quota.consume("runs", subject)).toMatchObject({ ok: false, reason: "day" });
  expect((await quota.usage("runs", subject))?.minute.remaining).toBe(8);
}
afterEach(() => {
  vi.useRealTimers();
});
const dayOfTwo = (): QuotaConfig => ({ runs: { ...runs, user: { perMinute: 10, perDay: 2 } }, submissions: runs });
const logger = { warn: (_obj: object, msg: string) => warnings.push(msg) };

describe("quota with the real @upstash/ratelimit against a real Redis", () => {
  let own: Awaited<ReturnType<typeof ownRedis>>;
  let redis: Awaited<ReturnType<typeof ownRedis>>["redis"];

  beforeAll(async () => {
    own = await ownRedis();
    redis = own.redis;
  });
  afterAll(async () => {
    await own?.close();
  });

  it("allows 5 runs a minute per user and refuses the 6th with when it resets", async () => {
    const quota = createQuota({ redis, config });
    const subject = { kind: "user" as const, userId: `u-${Date.now()}` };
    for (let i = 0; i < 5; i++) {
      const decision = await quota.consume("runs", subject);
      expect(decision.ok).toBe(true);
      if (decision.ok) expect(decision.usage.minute.remaining).toBe(4 - i);
    }
    const sixth = await quota.consume("runs", subject);
    expect(sixth).toMatchObject({ ok: false, reason: "minute", limit: 5 });
    if (sixth.ok || sixth.reason === "unavailable") throw new Error("expected a minute denial");
    expect(sixth.retryAfterSeconds).toBeGreaterThan(0);
    expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(sixth.message).toMatch(/^You have used your 5 runs for this minute; more in \d+ s\.$/);
    // Another user is unaffected.
    expect((await quota.consume("runs", { kind: "user", userId: `${subject.userId}-b` })).ok).toBe(true);
  });

  it("allows 50 runs a day and refuses the 51st until 00:00 UTC", async () => {
    const quota = createQuota({ redis, config: withRuns({ ...runs, user: { perMinute: 1000, perDay: 50 } }) });
    const subject = { kind: "user" as const, userId: `d-${Date.now()}` };
    for (let i = 0; i < 50; i++) expect((await quota.consume("runs", subject)).ok).toBe(true);
    const denied = await quota.consume("runs", subject);
    expect(denied).toMatchObject({ ok: false, reason: "day", limit: 50 });
    if (denied.ok || denied.reason === "unavailable") throw new Error("expected a day denial");
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(denied.resetAt.getTime()).toBe(midnight.getTime());
    expect(denied.message).toBe("You have used your 50 runs for today; more at 00:00 UTC.");
    const usage = await quota.usage("runs", subject);
    expect(usage?.day).toMatchObject({ limit: 50, remaining: 0 });
  });

  it("limits anonymous callers per IP (20 a day) and keeps IPs apart", async () => {
    const quota = createQuota({ redis, config: withRuns({ ...runs, anonymous: { perMinute: 100, perDay: 20 } }) });
    const ip = `198.51.100.${Date.now() % 250}`;
    for (let i = 0; i < 20; i++) expect((await quota.consume("runs", { kind: "ip", ip })).ok).toBe(true);
    expect(await quota.consume("runs", { kind: "ip", ip })).toMatchObject({ ok: false, reason: "day" });
    expect((await quota.consume("runs", { kind: "ip", ip: `${ip}0` })).ok).toBe(true);
    // Submissions count separately from runs.
    expect((await quota.consume("submissions", { kind: "ip", ip })).ok).toBe(true);
  });

  it("reports usage without counting", async () => {
    const quota = createQuota({ redis, config });
    const subject = { kind: "user" as const, userId: `p-${Date.now()}` };
    await quota.consume("runs", subject);
    const first = await quota.usage("runs", subject);
    const second = await quota.usage("runs", subject);
    expect(first?.minute).toMatchObject({ limit: 5, remaining: 4 });
    expect(second?.minute.remaining).toBe(4);
    expect(first?.degraded).toBe(false);
  });

  it("refunds one unit of both windows with ratelimit's negative rate", async () => {
    await expectRefundsWork(createQuota({ redis, config }), "redis");
  });

  it("gives the minute's unit back when the day refuses", async () => {
    await expectDayDenialKeepsTheMinute(createQuota({ redis, config: dayOfTwo() }), "redis");
  });

  it("when Redis stops: refuses anonymous work, limits users in-process, and logs a warning", async () => {
    const quota = createQuota({ redis, config, logger });
    await own.stop();

    const anonymous = await quota.consume("runs", { kind: "ip", ip: "203.0.113.9" });
    expect(anonymous).toMatchObject({ ok: false, reason: "unavailable" });

    const subject = { kind: "user" as const, userId: `down-${Date.now()}` };
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await quota.consume("runs", subject));
    expect(decisions.slice(0, 5).every((d) => d.ok && d.usage.degraded)).toBe(true);
    expect(decisions[5]).toMatchObject({ ok: false, reason: "minute" });
    expect(warnings.some((w) => /refusing anonymous/.test(w))).toBe(true);
    expect(warnings.some((w) => /in-process/.test(w))).toBe(true);

    await own.restart();
  });
});

describe("quota without Redis (embedded default)", () => {
  it("counts in-process with the same limits", async () => {
    const quota = createQuota({ config });
    expect(quota.backend).toBe("memory");
    const subject = { kind: "ip" as const, ip: "192.0.2.1" };
    for (let i = 0; i < 5; i++) expect((await quota.consume("runs", subject)).ok).toBe(true);
    expect(await quota.consume("runs", subject)).toMatchObject({ ok: false, reason: "minute" });
  });

  it("refunds in-process too", async () => {
    await expectRefundsWork(createQuota({ config }), "memory");
    await expectDayDenialKeepsTheMinute(createQuota({ config: dayOfTwo() }), "memory");
  });

  it("refuses a visitor whose address cannot be believed, with a sentence that says what to do", async () => {
    const quota = createQuota({ config });
    const decision = await quota.consume("runs", { kind: "unidentified" });
    expect(decision).toMatchObject({ ok: false, reason: "unavailable", message: unidentifiedMessage });
    expect(unidentifiedMessage).toMatch(/^Runs without an account .* Sign up or sign in/);
    expect(await quota.usage("runs", { kind: "unidentified" })).toBeNull();
  });
});
