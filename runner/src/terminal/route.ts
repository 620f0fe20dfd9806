// GET /v1/terminal?ticket=...[&id=<terminalId>&after=<offset>]&rows=&cols= - the browser's WebSocket to a shell
// in the learner's session sandbox (contract/terminal.ts). Refused before the upgrade: an Origin not allowed, a
// ticket forged, expired or not for the terminal. `id` names a terminal of the same user to reattach to.
import { upgradeWebSocket } from "@hono/node-server";
import type { Context } from "hono";
import type { Logger } from "pino";
import type WebSocket from "ws";
import { TerminalClientFrame, TerminalSize, terminalCloseCodes, terminalTicketScope } from "../contract/terminal";
import { SessionsFullError } from "../sessions";
import { verifyTicket } from "../ticket";
import { type Terminal, type TerminalClient, TerminalFullError, type TerminalManager } from "./terminals";

export interface TerminalRouteDeps {
  terminals: TerminalManager | undefined;
  /** RUNNER_TICKET_KEY; undefined turns the terminal off (503). */
  ticketKey: string | undefined;
  allowedOrigins: readonly string[];
  graceMs: number;
}

export interface TerminalRequest {
  userId: string;
  terminalId: string | undefined;
  after: number;
  size: TerminalSize;
}

type Refusal = { status: 400 | 401 | 403 | 503; error: string };

const defaultSize: TerminalSize = { rows: 24, cols: 80 };
/** Input typed while the shell is still starting, kept until it is up. */
const maxPendingInput = 64 * 1024;

export function checkTerminalRequest(
  deps: TerminalRouteDeps,
  c: Context,
): ({ ok: true } & TerminalRequest) | ({ ok: false } & Refusal) {
  if (!deps.ticketKey || !deps.terminals) {
    return { ok: false, status: 503, error: "the terminal is off: RUNNER_TICKET_KEY is not set" };
  }
  const origin = c.req.header("origin");
  if (!origin || !deps.allowedOrigins.includes(origin)) return { ok: false, status: 403, error: "origin not allowed" };
  const ticket = verifyTicket(c.req.query("ticket") ?? "", { key: deps.ticketKey });
  if (!ticket.ok) return { ok: false, status: 401, error: `invalid ticket: ${ticket.reason}` };
  if (ticket.claims.executionId !== terminalTicketScope) {
    return { ok: false, status: 403, error: "this ticket is not for the terminal" };
  }
  const terminalId = c.req.query("id") || undefined;
  if (terminalId !== undefined && !/^[0-9a-f-]{36}$/.test(terminalId)) {
    return { ok: false, status: 400, error: "id must be a terminal id the runner gave" };
  }
  const after = Number(c.req.query("after") ?? "0");
  const size = TerminalSize.safeParse({ rows: Number(c.req.query("rows")), cols: Number(c.req.query("cols")) });
  return {
    ok: true,
    userId: ticket.claims.userId,
    terminalId,
    after: Number.isSafeInteger(after) && after > 0 ? after : 0,
    size: size.success ? size.data : defaultSize,
  };
}

function refusalOf(error: unknown): { code: number; message: string } {
  if (error instanceof TerminalFullError) return { code: terminalCloseCodes.full, message: error.message };
  if (error instanceof SessionsFullError) {
    return { code: terminalCloseCodes.full, message: "The runner is full right now. Please try again in a minute." };
  }
  return { code: 1011, message: "The terminal could not start. Please try again." };
}

export function terminalSocket(deps: TerminalRouteDeps, log: (c: Context) => Logger) {
  return upgradeWebSocket((c) => {
    const request = c.get("terminal") as TerminalRequest;
    const manager = deps.terminals as TerminalManager;
    let terminal: Terminal | undefined;
    let client: TerminalClient | undefined;
    let closed = false;
    let size = request.size;
    let pendingInput = "";
    const pendingFlow: boolean[] = [];
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as WebSocket | undefined;
        const current: TerminalClient = {
          sendText: (frame) => {
            if (ws.readyState === 1) ws.send(JSON.stringify(frame));
          },
          sendBinary: (data) => {
            if (ws.readyState === 1) ws.send(data);
          },
          close: (code, reason) => ws.close(code, reason.slice(0, 120)),
          buffered: () => raw?.bufferedAmount ?? 0,
        };
        client = current;
        const existing = request.terminalId ? manager.find(request.userId, request.terminalId) : undefined;
        const ready = existing ? Promise.resolve(existing) : manager.open(request.userId, size);
        ready.then(
          async (opened) => {
            if (closed) {
              // The browser left while the shell started: keep it for the grace period like any dropped client.
              opened.attach(current, 0);
              opened.detach(current, deps.graceMs);
              return;
            }
            terminal = opened;
            opened.attach(current, existing ? request.after : 0);
            await opened.shell.resize(size).catch(() => {});
            if (pendingInput) opened.input(pendingInput);
            pendingInput = "";
            for (const paused of pendingFlow.splice(0)) opened.setPaused(current, paused);
          },
          (error) => {
            const { code, message } = refusalOf(error);
            if (code === 1011) log(c).error({ err: error }, "terminal could not start");
            current.sendText({ type: "end", reason: "refused", message });
            ws.close(code, message.slice(0, 120));
          },
        );
      },
      onMessage(event, ws) {
        if (!client) return;
        let frame: TerminalClientFrame;
        try {
          if (typeof event.data !== "string") throw new Error("binary");
          const parsed = TerminalClientFrame.safeParse(JSON.parse(event.data));
          if (!parsed.success) throw new Error("bad frame");
          frame = parsed.data;
        } catch {
          client.sendText({ type: "notice", message: "unknown message: see the terminal protocol" });
          return;
        }
        if (frame.type === "ping") return client.sendText({ type: "pong", at: frame.at });
        if (frame.type === "resize") {
          size = { rows: frame.rows, cols: frame.cols };
          void terminal?.shell.resize(size).catch(() => {});
          return;
        }
        if (!terminal) {
          if (frame.type === "input" && pendingInput.length < maxPendingInput) pendingInput += frame.data;
          else if (frame.type === "pause" || frame.type === "resume") pendingFlow.push(frame.type === "pause");
          else if (frame.type === "close") ws.close(terminalCloseCodes.closed, "Disconnected.");
          return;
        }
        if (frame.type === "input") terminal.input(frame.data);
        else if (frame.type === "pause" || frame.type === "resume") terminal.setPaused(client, frame.type === "pause");
        else if (frame.type === "close") void manager.end(terminal, "closed");
      },
      onClose() {
        closed = true;
        if (terminal && client && !terminal.ended) terminal.detach(client, deps.graceMs);
      },
    };
  });
}
