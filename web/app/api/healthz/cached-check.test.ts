import { describe, expect, it } from "vitest";
import { cachedCheck } from "./cached-check";

describe("cachedCheck", () => {
  it("runs the check once per interval, however many callers", async () => {
    let clock = 1_000;
    let runs = 0;
    const health = cachedCheck(
      async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 10));
        return { database: true, runner: true };
      },
      { okForMs: 10_000, downForMs: 2_000, now: () => clock },
    );
    const answers = await Promise.all(Array.from({ length: 50 }, () => health()));
    expect(runs).toBe(1);
    expect(answers.every((a) => a.ok)).toBe(true);
    clock += 9_999;
    await health();
    expect(runs).toBe(1);
    clock += 2;
    await health();
    expect(runs).toBe(2);
  });

  it("re-checks a failing answer sooner, and counts a thrown check as down", async () => {
    let clock = 0;
    let healthy = false;
    let runs = 0;
    const health = cachedCheck(
      async () => {
        runs++;
        if (runs === 1) throw new Error("boom");
        return { database: healthy };
      },
      { okForMs: 10_000, downForMs: 2_000, now: () => clock },
    );
    expect(await health()).toMatchObject({ ok: false, checks: { check: false } });
    clock += 2_001;
    expect((await health()).ok).toBe(false);
    healthy = true;
    clock += 2_001;
    expect(await health()).toMatchObject({ ok: true, checks: { database: true } });
    expect(runs).toBe(3);
  });
});
