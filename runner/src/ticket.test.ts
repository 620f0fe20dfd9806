import { describe, expect, it } from "vitest";
import { maxTicketTtlMs, mintTicket, verifyTicket } from "./ticket";

const key = "k".repeat(32);
const now = 1_800_000_000_000;

describe("live tickets", () => {
  it("verifies a ticket it minted, with its claims", () => {
    const ticket = mintTicket({ key, userId: "ada", executionId: "run-1", now });
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(verifyTicket(ticket, { key, now: now + 1000 })).toEqual({
      ok: true,
      claims: { userId: "ada", executionId: "run-1", exp: now + 30_000 },
    });
  });

  it("refuses another key, a changed claim, a cut signature and garbage", () => {
    const ticket = mintTicket({ key, userId: "ada", executionId: "run-1", now });
    expect(verifyTicket(ticket, { key: "x".repeat(32), now })).toEqual({ ok: false, reason: "bad signature" });
    const [tag, , mac] = ticket.split(".");
    const claims = Buffer.from(JSON.stringify({ userId: "eve", executionId: "run-1", exp: now + 30_000 }));
    expect(verifyTicket(`${tag}.${claims.toString("base64url")}.${mac}`, { key, now })).toMatchObject({ ok: false });
    expect(verifyTicket(ticket.slice(0, -2), { key, now })).toMatchObject({ ok: false });
    for (const junk of ["", "v1", "v1..", "v2.a.b", "x".repeat(5000)]) {
      expect(verifyTicket(junk, { key, now })).toMatchObject({ ok: false });
    }
  });

  it("expires, and never lives longer than 60 s", () => {
    const ticket = mintTicket({ key, userId: "ada", executionId: "run-1", now, ttlMs: 10_000 });
    expect(verifyTicket(ticket, { key, now: now + 9_999 }).ok).toBe(true);
    expect(verifyTicket(ticket, { key, now: now + 10_000 })).toEqual({ ok: false, reason: "expired" });
    expect(() => mintTicket({ key, userId: "ada", executionId: "run-1", ttlMs: maxTicketTtlMs + 1 })).toThrow();
    // Signed with the right key but claiming a long life: not one mintTicket made.
    const early = mintTicket({ key, userId: "ada", executionId: "run-1", now: now + 3_600_000 });
    expect(verifyTicket(early, { key, now })).toEqual({ ok: false, reason: "lifetime too long" });
  });

  it("refuses a short key", () => {
    expect(() => mintTicket({ key: "short", userId: "ada", executionId: "run-1" })).toThrow(/32 characters/);
  });
});
