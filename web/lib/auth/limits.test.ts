import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ownRedis } from "@/lib/server/quota/test-redis";
import { createWindows, type Windows } from "@/lib/server/quota/windows";
import { type AuthLimitConfig, createAuthLimits, describeWait } from "./limits";
import { hashPassword, verifyPassword, verifyPasswordOrDummy } from "./password";

const config: AuthLimitConfig = { signUpsPerIpPerHour: 5, failuresPerName: 5, failuresPerIp: 30 };
const unique = (tag: string) => `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const hour = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

/** The same rules whichever store counts. */
function limitRules(store: () => Windows) {
  it("allows 5 sign-ups an hour per address and says when the next one is possible", async () => {
    const limits = createAuthLimits({ windows: store(), config });
    const address = unique("198.51.100");
    for (let i = 0; i < 5; i++) expect(await limits.signUp(address)).toEqual({ ok: true });
    const refused = await limits.signUp(address);
    if (refused.ok) throw new Error("the 6th sign-up was allowed");
    expect(refused.message).toMatch(
      /^Too many accounts were created from your network in the last hour\. Please wait \d+ (minute|second|hour)s? and try again\.$/,
    );
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(3600);
    expect((await limits.signUp(unique("other"))).ok).toBe(true);
  });

  it("locks a name after 5 wrong passwords, from any address, whether or not the name exists", async () => {
    const limits = createAuthLimits({ windows: store(), config });
    const name = unique("Ada");
    for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, unique("ip"))).ok).toBe(true);
    const locked = await limits.beginSignIn(name.toUpperCase(), unique("ip"));
    if (locked.ok) throw new Error("the 6th guess was allowed");
    expect(locked.message).toMatch(
      // The window is fixed: in its last minute the wait is in seconds.
      /^Too many wrong passwords for this name\. To keep the account safe, wait \d+ (minutes?|seconds?) and try again\.$/,
    );
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Another name from the same address is not affected.
    expect((await limits.beginSignIn(unique("Bea"), "203.0.113.1")).ok).toBe(true);
  });

  it("does not count sign-ins whose password was right", async () => {
    const limits = createAuthLimits({ windows: store(), config });
    const name = unique("Cy");
    for (let i = 0; i < 12; i++) {
      const attempt = await limits.beginSignIn(name, "203.0.113.2");
      if (!attempt.ok) throw new Error(`correct sign-in ${i + 1} was refused: ${attempt.message}`);
      await attempt.release();
    }
    for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, "203.0.113.2")).ok).toBe(true);
    expect((await limits.beginSignIn(name, "203.0.113.2")).ok).toBe(false);
  });

  it("limits guesses from one address across many names", async () => {
    const limits = createAuthLimits({ windows: store(), config: { ...config, failuresPerIp: 3 } });
    const address = unique("192.0.2");
    for (let i = 0; i < 3; i++) expect((await limits.beginSignIn(unique("n"), address)).ok).toBe(true);
    const refused = await limits.beginSignIn(unique("n"), address);
    if (refused.ok) throw new Error("the 4th name from one address was allowed");
    expect(refused.message).toMatch(/^Too many sign-in attempts from your network\. Please wait .+ and try again\.$/);
    // A refused attempt is not charged to the name.
    const name = unique("kept");
    await limits.beginSignIn(name, address);
    for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, unique("ip"))).ok).toBe(true);
  });

  it("lets no more parallel guesses through than the limit", async () => {
    const limits = createAuthLimits({ windows: store(), config });
    const name = unique("race");
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => limits.beginSignIn(name, `198.18.0.${i}`)));
    expect(attempts.filter((a) => a.ok)).toHaveLength(5);
  });

  it("grows the lockout: 5 more after 15 minutes, then locked until the hour is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const startOfHour = Math.floor(Date.now() / hour) * hour + 1_000;
    vi.setSystemTime(startOfHour);
    const limits = createAuthLimits({ windows: store(), config });
    const name = unique("grow");
    for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, unique("ip"))).ok).toBe(true);
    expect((await limits.beginSignIn(name, unique("ip"))).ok).toBe(false);

    vi.setSystemTime(startOfHour + 30 * 60_000);
    for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, unique("ip"))).ok).toBe(true);
    const longer = await limits.beginSignIn(name, unique("ip"));
    if (longer.ok) throw new Error("the 11th guess within the hour was allowed");
    expect(longer.retryAfterSeconds).toBeGreaterThan(15 * 60);
    expect(longer.message).toMatch(/wait (2[0-9]|30) minutes/);
  });
}

describe("sign-up and sign-in limits on a real Redis (@upstash/ratelimit)", () => {
  let own: Awaited<ReturnType<typeof ownRedis>>;
  beforeAll(async () => {
    own = await ownRedis();
  });
  afterAll(async () => {
    await own?.close();
  });
  limitRules(() => createWindows(own.redis));

  it("keeps limiting in-process while Redis is down, and logs it", async () => {
    const warnings: string[] = [];
    const limits = createAuthLimits({
      windows: createWindows(own.redis),
      config,
      logger: { warn: (_o, msg) => warnings.push(msg) },
    });
    await own.stop();
    try {
      const name = unique("outage");
      for (let i = 0; i < 5; i++) expect((await limits.beginSignIn(name, "203.0.113.3")).ok).toBe(true);
      expect((await limits.beginSignIn(name, "203.0.113.3")).ok).toBe(false);
      expect(warnings.some((w) => /in-process/.test(w))).toBe(true);
    } finally {
      await own.restart();
    }
  });
});

describe("sign-up and sign-in limits in-process", () => {
  limitRules(() => createWindows());
});

describe("describeWait", () => {
  it("says a wait in words", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(59)).toBe("59 seconds");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(3 * 3600)).toBe("3 hours");
  });
});

describe("verifyPasswordOrDummy", () => {
  it("costs an unknown name the same argon2 work as a known one", async () => {
    const real = await hashPassword("correct horse battery staple");
    expect(await verifyPasswordOrDummy(real, "correct horse battery staple")).toBe(true);
    expect(await verifyPasswordOrDummy(null, "correct horse battery staple")).toBe(false);
    const time = async (fn: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await fn();
        samples.push(performance.now() - start);
      }
      return samples.sort((a, b) => a - b)[2] as number;
    };
    const known = await time(() => verifyPassword(real, "wrong guess"));
    const unknown = await time(() => verifyPasswordOrDummy(null, "wrong guess"));
    // Both are one argon2 verification (tens of ms); skipping it would take well under a millisecond.
    expect(unknown).toBeGreaterThan(known / 3);
    expect(unknown).toBeLessThan(known * 3);
  });
});
