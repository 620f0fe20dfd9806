// GET /v1/live/:executionId?ticket=...&after=<seq> - the browser's WebSocket to a run: output as it is
// printed (after a replay of what it missed), and input, eof and kill from the browser. Refused before the
// upgrade: an Origin not allowed, a ticket forged, expired or for another execution, another user's run.
import { upgradeWebSocket } from "@hono/node-server";
import type { Context } from "hono";
import type { Logger } from "pino";
import type WebSocket from "ws";
import { LiveClientFrame, type LiveServerFrame } from "../contract";
import { verifyTicket } from "../ticket";
import type { LiveClient, LiveRegistry } from "./registry";

export interface LiveRouteDeps {
  registry: LiveRegistry;
  /** RUNNER_TICKET_KEY; undefined turns the live view off (503). */
  ticketKey: string | undefined;
  allowedOrigins: readonly string[];
  /** Stops an execution's run in flight (Ctrl+C, Stop). */
  cancel: (executionId: string) => boolean;
}

/** For the `ws` server: small messages only (input frames are at most 16 KiB), no compression. */
export const liveSocketOptions = { noServer: true, maxPayload: 64 * 1024, perMessageDeflate: false } as const;

/** A socket this far behind (a stalled client) is closed; it may reconnect with `after`. */
const maxBufferedBytes = 4 * 1024 * 1024;

type Refusal = { status: 401 | 403 | 503; error: string };

/** Origin, ticket and owner, checked before the upgrade; the user id on success. */
export function checkLiveRequest(
  deps: LiveRouteDeps,
  c: Context,
): { ok: true; userId: string; after: number } | ({ ok: false } & Refusal) {
  if (!deps.ticketKey) return { ok: false, status: 503, error: "live view is off: RUNNER_TICKET_KEY is not set" };
  const origin = c.req.header("origin");
  if (!origin || !deps.allowedOrigins.includes(origin)) {
    return { ok: false, status: 403, error: "origin not allowed" };
  }
  const ticket = verifyTicket(c.req.query("ticket") ?? "", { key: deps.ticketKey });
  if (!ticket.ok) return { ok: false, status: 401, error: `invalid ticket: ${ticket.reason}` };
  const executionId = c.req.param("executionId");
  if (ticket.claims.executionId !== executionId) {
    return { ok: false, status: 403, error: "ticket is for another execution" };
  }
  const owner = deps.registry.find(executionId)?.owner;
  if (owner !== undefined && owner !== ticket.claims.userId) {
    return { ok: false, status: 403, error: "this run belongs to another user" };
  }
  const after = Number(c.req.query("after") ?? "0");
  return { ok: true, userId: ticket.claims.userId, after: Number.isSafeInteger(after) && after > 0 ? after : 0 };
}

export function liveSocket(deps: LiveRouteDeps, log: (c: Context) => Logger) {
  return upgradeWebSocket((c) => {
    const executionId = c.req.param("executionId") ?? "";
    const { userId, after } = c.get("live") as { userId: string; after: number };
    let client: LiveClient | undefined;
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as WebSocket | undefined;
        client = {
          userId,
          send(frame: LiveServerFrame) {
            if (ws.readyState !== 1) return;
            if ((raw?.bufferedAmount ?? 0) > maxBufferedBytes) {
              ws.close(1013, "client too slow: reconnect with after=<last seq>");
              return;
            }
            ws.send(JSON.stringify(frame));
          },
          close: (code, reason) => ws.close(code, reason),
        };
        const subscription = deps.registry.subscribe(executionId, client, after);
        if (!subscription.ok) ws.close(subscription.code, subscription.reason);
      },
      onMessage(event) {
        const run = deps.registry.find(executionId);
        if (!client || !run?.clients.has(client)) return;
        let frame: LiveClientFrame;
        try {
          const parsed = LiveClientFrame.safeParse(JSON.parse(String(event.data)));
          if (!parsed.success) throw new Error("bad frame");
          frame = parsed.data;
        } catch {
          client.send({ type: "notice", message: "unknown message: send input, eof or kill as JSON" });
          return;
        }
        if (run.owner !== userId || !run.start) {
          client.send({ type: "notice", message: "the program has not started yet" });
        } else if (frame.type === "kill") {
          if (deps.cancel(executionId)) log(c).info({ executionId }, "run stopped from the live view");
          else client.send({ type: "notice", message: "nothing to stop" });
        } else {
          run.write(client, frame.type === "input" ? frame.data : null);
        }
      },
      onClose() {
        if (client) deps.registry.unsubscribe(executionId, client);
      },
    };
  });
}
