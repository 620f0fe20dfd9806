// Guests: an anonymous visitor's runs share one short-lived session sandbox, found again by a signed cookie.
// The cookie names the sandbox only: quotas and outstanding work stay per client address, so minting new
// guests buys nothing. An unsigned, forged or malformed cookie is ignored (a new guest), never an error.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { GuestId } from "@codeyard/inngest";

export const guestCookieName = "codeyard-guest";
/** The cookie outlives the sandbox (reaped when idle) by far; it carries nothing else to keep. */
export const guestCookieMaxAgeSeconds = 24 * 60 * 60;

export { GuestId };

export function newGuestId(): GuestId {
  return randomBytes(16).toString("base64url");
}

// A key of its own, derived from the session secret: a guest cookie's MAC is never a valid JWT signature.
function guestKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("codeyard guest cookie v1").digest();
}

function macOf(id: string, secret: string): Buffer {
  return createHmac("sha256", guestKey(secret)).update(id).digest();
}

/** The cookie's value: `<id>.<HMAC-SHA256 of the id, base64url>`. */
export function signGuestId(id: GuestId, secret: string): string {
  return `${id}.${macOf(id, secret).toString("base64url")}`;
}

/** The guest id of a cookie value, or null when it is not one this server signed. */
export function verifyGuestCookie(value: string | undefined, secret: string): GuestId | null {
  if (!value) return null;
  const [id, mac, ...rest] = value.split(".");
  if (rest.length > 0 || !id || !mac || !GuestId.safeParse(id).success) return null;
  const given = Buffer.from(mac, "base64url");
  const expected = macOf(id, secret);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The guest cookie's value in a Cookie header, if any (the first, as browsers send the most specific first). */
export function guestCookieOf(cookieHeader: string | null): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === guestCookieName) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a new guest: HttpOnly (no script reads it), SameSite=Lax, Secure in production. */
export function guestSetCookie(id: GuestId, secret: string, secure: boolean): string {
  return [
    `${guestCookieName}=${signGuestId(id, secret)}`,
    "Path=/",
    `Max-Age=${guestCookieMaxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
