import { describe, expect, it } from "vitest";
import { limitDefaults } from "./contract";
import { memoryBytes } from "./docker";
import { defaultMaxSessions, maxSessionsCeiling, memoryReserveBytes } from "./sizing";

const gib = 1024 ** 3;
const perSession = memoryBytes("python", limitDefaults.memoryMb);

describe("defaultMaxSessions", () => {
  it("fits the sessions' memory limits into the memory left after the reserve", () => {
    const sessions = defaultMaxSessions(24 * gib);
    expect(sessions * perSession).toBeLessThanOrEqual(24 * gib - memoryReserveBytes);
    expect((sessions + 1) * perSession).toBeGreaterThan(24 * gib - memoryReserveBytes);
  });

  it("keeps at least one session on a small machine and at most the ceiling on a large one", () => {
    expect(defaultMaxSessions(1 * gib)).toBe(1);
    expect(defaultMaxSessions(1024 * gib)).toBe(maxSessionsCeiling);
  });
});
