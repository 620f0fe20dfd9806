import { describe, expect, it } from "vitest";
import { ExecutionView } from "@/lib/executions/view";
import { readAnswer, readApiError } from "./api";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("readApiError", () => {
  it("holds Run back until a used-up quota resets, at the time the server named", async () => {
    const resetAt = new Date(Date.now() + 42_000).toISOString();
    const error = await readApiError(
      json(
        429,
        { error: "You have used your 5 runs for this minute; more in 42 s.", limit: "minute", resetAt },
        {
          "retry-after": "42",
        },
      ),
      "refused",
    );
    expect(error).toMatchObject({
      message: "You have used your 5 runs for this minute; more in 42 s.",
      limit: "minute",
      retryAfterSeconds: 42,
      blockedUntil: Date.parse(resetAt),
    });
  });

  it("falls back to Retry-After for a quota refusal without resetAt", async () => {
    const before = Date.now();
    const error = await readApiError(
      json(
        429,
        { error: "You have used your 20 submissions for today; more at 00:00 UTC.", limit: "day" },
        {
          "retry-after": "3600",
        },
      ),
      "refused",
    );
    expect(error.blockedUntil).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(error.blockedUntil).toBeLessThan(before + 3_660_000);
  });

  it("shows an outstanding-work refusal word for word and holds nothing back, even with a Retry-After", async () => {
    const sentence = "You already have 2 runs waiting. Wait for one to finish.";
    const error = await readApiError(json(429, { error: sentence, limit: "outstanding" }, { "retry-after": "5" }), "x");
    expect(error).toMatchObject({ message: sentence, limit: "outstanding", blockedUntil: null, status: 429 });
  });

  it("adds a busy server's wait, and says something useful when the body is not an error answer", async () => {
    const busy = await readApiError(json(503, { error: "Codeyard is busy." }, { "retry-after": "7" }), "refused");
    expect(busy).toMatchObject({ message: "Codeyard is busy. Try again in 7 s.", blockedUntil: null, limit: null });

    const html = await readApiError(new Response("<h1>Bad gateway</h1>", { status: 502 }), "refused");
    expect(html.message).toBe("Something went wrong on our side. Please try again in a moment (HTTP 502).");

    const odd = await readApiError(json(409, { message: "not our shape" }), "The server turned this run down");
    expect(odd.message).toBe("The server turned this run down (HTTP 409).");
  });
});

describe("readAnswer", () => {
  it("returns the answer only when it has the view's shape", async () => {
    expect(await readAnswer(json(200, { id: "x", status: "ok" }), ExecutionView)).toBeNull();
    expect(await readAnswer(new Response("not json"), ExecutionView)).toBeNull();
  });
});
