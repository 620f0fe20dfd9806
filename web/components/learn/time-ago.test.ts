import { describe, expect, it } from "vitest";
import { timeAgo } from "./time-ago";

const now = new Date("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("timeAgo", () => {
  it("says just now for the last few seconds", () => {
    expect(timeAgo(ago(10), now)).toBe("just now");
  });

  it("rounds down to the largest whole unit", () => {
    expect(timeAgo(ago(50), now)).toBe("1 minute ago");
    expect(timeAgo(ago(5 * 60 + 30), now)).toBe("5 minutes ago");
    expect(timeAgo(ago(2 * 3600 + 59 * 60), now)).toBe("2 hours ago");
    expect(timeAgo(ago(26 * 3600), now)).toBe("yesterday");
    expect(timeAgo(ago(15 * 24 * 3600), now)).toBe("2 weeks ago");
  });
});
