import "server-only";
import { env } from "@/env";
import { type GuestId, guestCookieOf, guestSetCookie, newGuestId, verifyGuestCookie } from "@/lib/auth/guest";
import { authSecret } from "@/lib/auth/options";
import { getViewer } from "@/lib/auth/viewer";
import { anonymousSubject, clientAddressOf, type QuotaSubject } from "./quota";

/** Who a request counts against: the signed-in user, else the caller's trusted address (or nobody). */
export async function requestSubject(request: Request): Promise<QuotaSubject> {
  const viewer = await getViewer();
  return viewer ? { kind: "user", userId: viewer.id } : anonymousSubject(clientAddressOf(request.headers));
}

/** Inngest concurrency key: one run at a time per user, or per address for anonymous callers. */
export function concurrencyKey(subject: QuotaSubject): string {
  if (subject.kind === "user") return `user:${subject.userId}`;
  return subject.kind === "ip" ? `ip:${subject.ip}` : "ip:unidentified";
}

/**
 * The anonymous caller's guest: the id their cookie names when this server signed it, else a new one (`fresh`:
 * the answer must set the cookie). Only the runner's choice of sandbox follows it; quotas follow the address.
 */
export function guestOf(request: Request): { id: GuestId; fresh: boolean } {
  const id = verifyGuestCookie(guestCookieOf(request.headers.get("cookie")), authSecret());
  return id ? { id, fresh: false } : { id: newGuestId(), fresh: true };
}

/** Set-Cookie for a new guest (Secure in production). */
export function guestCookie(id: GuestId): string {
  return guestSetCookie(id, authSecret(), env.production);
}
