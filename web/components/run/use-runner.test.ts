import { describe, expect, it } from "vitest";
import { readApiError } from "./api";
import { type RunState, toRefusal } from "./use-execution";
import { runBlockedForMs } from "./use-runner";

const refusedWith = async (body: object, headers: Record<string, string> = {}): Promise<RunState> => {
  const answer = await readApiError(
    new Response(JSON.stringify(body), { status: 429, headers: { "content-type": "application/json", ...headers } }),
    "refused",
  );
  return { phase: "failed", message: answer.message, refusal: toRefusal(answer) };
};

describe("runBlockedForMs", () => {
  it("holds Run back until the minute's quota resets", async () => {
    const now = Date.now();
    const state = await refusedWith({
      error: "You have used your 5 runs for this minute; more in 30 s.",
      limit: "minute",
      resetAt: new Date(now + 30_000).toISOString(),
    });
    expect(runBlockedForMs(state, now)).toBe(30_000);
    expect(runBlockedForMs(state, now + 31_000)).toBe(0);
  });

  it("holds nothing back when runs are outstanding, even with a Retry-After", async () => {
    const state = await refusedWith(
      { error: "You already have 2 runs waiting. Wait for one to finish.", limit: "outstanding" },
      { "retry-after": "10" },
    );
    expect(state).toMatchObject({ message: "You already have 2 runs waiting. Wait for one to finish." });
    expect(runBlockedForMs(state)).toBe(0);
  });

  it("holds nothing back after other failures or a finished run", () => {
    expect(runBlockedForMs({ phase: "failed", message: "offline", refusal: null })).toBe(0);
    expect(runBlockedForMs({ phase: "idle" })).toBe(0);
  });
});
