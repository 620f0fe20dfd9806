import "server-only";
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
