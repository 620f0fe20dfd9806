import "server-only";
import { defaultTicketTtlMs, mintTicket } from "@codeyard/runner/ticket";
import { env } from "@/env";

/** What a browser needs to open a socket on the runner: where, and the ticket that lets it in. */
export interface RunnerSocketGrant {
  /** e.g. `ws://127.0.0.1:8787/v1/live/<id>?ticket=...`: ready to pass to `new WebSocket()`. */
  url: string;
  /** Milliseconds since the epoch after which the ticket no longer opens a socket. */
  expiresAt: number;
}

/** The runner's base address for browsers, with ws(s) for http(s). */
export function runnerSocketBase(): string {
  const base = new URL(env.RUNNER_PUBLIC_URL ?? env.RUNNER_URL);
  base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
  return base.toString().replace(/\/$/, "");
}

/**
 * A ticket for one user and one scope (an execution id, or "terminal"), valid for 30 s, on the runner path it opens.
 * Undefined when RUNNER_TICKET_KEY is not set: the caller falls back (polling) or says the feature is off.
 */
export function grantRunnerSocket(opts: {
  userId: string;
  scope: string;
  path: string;
}): RunnerSocketGrant | undefined {
  if (!env.RUNNER_TICKET_KEY) return undefined;
  const now = Date.now();
  const ticket = mintTicket({ key: env.RUNNER_TICKET_KEY, userId: opts.userId, executionId: opts.scope, now });
  const url = new URL(`${runnerSocketBase()}${opts.path}`);
  url.searchParams.set("ticket", ticket);
  return { url: url.toString(), expiresAt: now + defaultTicketTtlMs };
}
