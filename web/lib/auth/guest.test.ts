import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GuestId, guestCookieOf, guestSetCookie, newGuestId, signGuestId, verifyGuestCookie } from "./guest";

const secret = "a".repeat(64);

describe("guest cookies", () => {
  it("verify what this server signed, and answer the id", () => {
    const id = newGuestId();
    expect(GuestId.safeParse(id).success).toBe(true);
    expect(verifyGuestCookie(signGuestId(id, secret), secret)).toBe(id);
  });

  it("make 128-bit ids that differ each time", () => {
    const ids = new Set(Array.from({ length: 1000 }, newGuestId));
    expect(ids.size).toBe(1000);
    expect(Buffer.from([...ids][0] as string, "base64url").length).toBe(16);
  });

  it("ignore a forged, tampered, unsigned or malformed cookie (a new guest, not an error)", () => {
    const id = newGuestId();
    const other = newGuestId();
    const signed = signGuestId(id, secret);
    const mac = signed.split(".")[1] as string;
    for (const value of [
      undefined,
      "",
      id, // unsigned
      `${other}.${mac}`, // someone else's id with my MAC
      signGuestId(id, "b".repeat(64)), // signed with another key
      `${id}.${mac.slice(0, -2)}`, // truncated MAC
      `${id}.${mac}.x`,
      `../../${id}.${mac}`,
      "guest:x.y",
      `${id}.%%%`,
    ]) {
      expect(verifyGuestCookie(value, secret)).toBeNull();
    }
  });

  it("is never the session JWT's key: the MAC uses a key derived for guests", () => {
    const id = newGuestId();
    const withRawSecret = createHmac("sha256", secret).update(id).digest("base64url");
    expect(signGuestId(id, secret)).not.toBe(`${id}.${withRawSecret}`);
  });

  it("are read from a Cookie header among others", () => {
    const value = signGuestId(newGuestId(), secret);
    expect(guestCookieOf(`a=1; codeyard-guest=${value}; b=2`)).toBe(value);
    expect(guestCookieOf("a=1; codeyard-guestx=2")).toBeUndefined();
    expect(guestCookieOf(null)).toBeUndefined();
  });

  it("are set HttpOnly and SameSite=Lax, Secure only when asked", () => {
    const id = newGuestId();
    const local = guestSetCookie(id, secret, false);
    expect(local).toMatch(
      /^codeyard-guest=[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=86400; HttpOnly; SameSite=Lax$/,
    );
    expect(guestSetCookie(id, secret, true)).toMatch(/; Secure$/);
  });
});
