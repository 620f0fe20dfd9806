import "server-only";
import type { RunnerAddress } from "@codeyard/inngest";
import { defaultTicketTtlMs, mintTicket } from "@codeyard/runner/ticket";
import { env } from "@/env";

/** What a browser needs to open a socket on the runner: where, and the ticket that lets it in. */
export interface RunnerSocketGrant {
  /** e.g. `ws://127.0.0.1:8787/v1/live/<id>?ticket=...`: ready to pass to `new WebSocket()`. */
  url: string;
  /** Milliseconds since the epoch after which the ticket no longer opens a socket. */
  expiresAt: number;
}

/** A runner's base address for browsers (its public URL), with ws(s) for http(s). */
export function runnerSocketBase(runner: Pick<RunnerAddress, "publicUrl">): string {
  const base = new URL(runner.publicUrl);
  base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
  return base.toString().replace(/\/$/, "");
}

/**
 * A ticket for one user and one scope (an execution id, or "terminal"), valid for 30 s, on the path it opens on
 * the runner that holds the run or session. Undefined when RUNNER_TICKET_KEY is not set: the caller falls back
 * (polling) or says the feature is off.
 */
export function grantRunnerSocket(opts: {
  userId: string;
  scope: string;
  path: string;
  runner: Pick<RunnerAddress, "publicUrl">;
}): RunnerSocketGrant | undefined {
  if (!env.RUNNER_TICKET_KEY) return undefined;
  const now = Date.now();
  const ticket = mintTicket({ key: env.RUNNER_TICKET_KEY, userId: opts.userId, executionId: opts.scope, now });
  const url = new URL(`${runnerSocketBase(opts.runner)}${opts.path}`);
  url.searchParams.set("ticket", ticket);
  return { url: url.toString(), expiresAt: now + defaultTicketTtlMs };
}
