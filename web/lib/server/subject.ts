import type { QuotaSubject } from "./quota";
import { clientIp } from "./quota";

/** Who a request counts against. Accounts arrive with next-auth; until then every caller is anonymous. */
export function requestSubject(request: Request): QuotaSubject {
  return { kind: "ip", ip: clientIp(request) };
}

/** Inngest concurrency key: one run at a time per user, or per address for anonymous callers. */
export function concurrencyKey(subject: QuotaSubject): string {
  return subject.kind === "user" ? `user:${subject.userId}` : `ip:${subject.ip}`;
}
