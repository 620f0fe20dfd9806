// Live tickets: the web app mints one per (user, execution) for the browser, the runner checks it when the
// browser opens GET /v1/live/:executionId. HMAC-SHA256 with a key both hold (RUNNER_TICKET_KEY); at most 60 s.
// Imported by the web through `@codeyard/runner/ticket`: zod and node:crypto only.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const maxTicketTtlMs = 60_000;
export const defaultTicketTtlMs = 30_000;
const version = "v1";
/** Clocks of the web app and the runner may differ by this much. */
const skewMs = 5_000;

export const TicketKey = z.string().min(32, "the ticket key must be at least 32 characters (openssl rand -hex 32)");

export const TicketClaims = z.strictObject({
  /** The user (or anonymous visitor) the ticket was minted for. */
  userId: z.string().min(1).max(200),
  executionId: z.string().min(1).max(100),
  /** Expiry, milliseconds since the epoch. */
  exp: z.number().int().positive(),
});
export type TicketClaims = z.infer<typeof TicketClaims>;

export interface MintOptions {
  key: string;
  userId: string;
  executionId: string;
  /** At most 60 s; 30 s by default. */
  ttlMs?: number;
  now?: number;
}

function sign(key: string, payload: string): Buffer {
  return createHmac("sha256", key).update(`codeyard-live.${version}.${payload}`).digest();
}

/** `v1.<base64url claims>.<base64url HMAC>`: URL-safe, to pass as `?ticket=`. */
export function mintTicket(opts: MintOptions): string {
  const key = TicketKey.parse(opts.key);
  const ttl = opts.ttlMs ?? defaultTicketTtlMs;
  if (!(ttl > 0 && ttl <= maxTicketTtlMs)) throw new Error(`ticket lifetime must be 1..${maxTicketTtlMs} ms`);
  const claims = TicketClaims.parse({
    userId: opts.userId,
    executionId: opts.executionId,
    exp: Math.floor((opts.now ?? Date.now()) + ttl),
  });
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${version}.${payload}.${sign(key, payload).toString("base64url")}`;
}

export type TicketCheck = { ok: true; claims: TicketClaims } | { ok: false; reason: string };

/** Checks signature, shape and expiry; the caller then compares executionId and the run's owner. */
export function verifyTicket(ticket: string, opts: { key: string; now?: number }): TicketCheck {
  const parts = ticket.length <= 2048 ? ticket.split(".") : [];
  const [tag, payload, mac] = parts;
  if (parts.length !== 3 || tag !== version || !payload || !mac) return { ok: false, reason: "malformed ticket" };
  const expected = sign(opts.key, payload);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  let claims: TicketClaims;
  try {
    const parsed = TicketClaims.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    if (!parsed.success) return { ok: false, reason: "malformed claims" };
    claims = parsed.data;
  } catch {
    return { ok: false, reason: "malformed claims" };
  }
  const now = opts.now ?? Date.now();
  if (claims.exp <= now) return { ok: false, reason: "expired" };
  // A ticket claiming a longer life than any minted one was not minted by mintTicket.
  if (claims.exp > now + maxTicketTtlMs + skewMs) return { ok: false, reason: "lifetime too long" };
  return { ok: true, claims };
}
