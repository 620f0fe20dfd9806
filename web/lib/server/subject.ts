import "server-only";
import { getViewer } from "@/lib/auth/viewer";
import { clientIp, type QuotaSubject } from "./quota";

/** Who a request counts against: the signed-in user, else the caller's address. */
export async function requestSubject(request: Request): Promise<QuotaSubject> {
  const viewer = await getViewer();
  return viewer ? { kind: "user", userId: viewer.id } : { kind: "ip", ip: clientIp(request) };
}

/** Inngest concurrency key: one run at a time per user, or per address for anonymous callers. */
export function concurrencyKey(subject: QuotaSubject): string {
  return subject.kind === "user" ? `user:${subject.userId}` : `ip:${subject.ip}`;
}
