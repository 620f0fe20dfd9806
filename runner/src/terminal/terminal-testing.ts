// Test support for the terminal: a real runner HTTP server on 127.0.0.1 (random port) over a real engine and
// terminal manager, and a WebSocket client that keeps the shell's output by offset, as the browser does.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import WebSocket, { WebSocketServer } from "ws";
import { createApp } from "../app";
import { auth } from "../app-testing";
import { Capacity } from "../capacity";
import { decodeOutputFrame, TerminalServerFrame, terminalTicketScope } from "../contract/terminal";
import { checkSandbox } from "../docker";
import { Engine } from "../engine";
import { liveSocketOptions } from "../live/route";
import { docker } from "../testing";
import { mintTicket } from "../ticket";
import { createTerminalFiles } from "./service";
import { TerminalManager, type TerminalOptions } from "./terminals";

export const ticketKey = "test-ticket-key-0123456789abcdef0123456789";
export const origin = "http://localhost:3000";

export async function startTerminalServer(
  opts: Partial<Omit<TerminalOptions, "docker" | "hold" | "slot">> & { slots?: number; terminalsPerSlot?: number } = {},
) {
  const slots = opts.slots ?? 4;
  const capacity = new Capacity(slots, Math.max(1, Math.floor(slots / 2)), opts.terminalsPerSlot);
  const engine = new Engine(docker, { poolSize: 0, sessionIdleMs: 600_000, maxSessions: 8 });
  engine.start();
  const graceMs = opts.graceMs ?? 60_000;
  const terminals = new TerminalManager({
    docker,
    hold: (userId) => engine.sessions.hold(userId),
    graceMs,
    idleMs: opts.idleMs ?? 600_000,
    perUser: opts.perUser ?? 2,
    max: opts.max ?? 8,
    slot: () => capacity.takeTerminal(),
    replayBytes: opts.replayBytes,
  });
  terminals.start();
  const app = createApp({
    run: (request, log) => engine.run(request, log),
    checkHealth: () => checkSandbox(docker),
    token: auth.authorization.slice("Bearer ".length),
    logger: pino({ level: "silent" }),
    maxConcurrent: slots,
    capacity,
    terminal: {
      terminals,
      ticketKey,
      allowedOrigins: [origin],
      graceMs,
      files: createTerminalFiles(docker, (userId) => engine.sessions.sandboxOf(userId)),
    },
  });
  const server = serve({
    fetch: app.fetch,
    hostname: "127.0.0.1",
    port: 0,
    websocket: { server: new WebSocketServer(liveSocketOptions) },
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    engine,
    terminals,
    base,
    app,
    async stop() {
      await terminals.stop();
      await new Promise((resolve) => server.close(resolve));
      await engine.stop();
    },
  };
}

export interface TerminalSocketOptions {
  userId: string;
  id?: string;
  after?: number;
  ticket?: string;
  origin?: string;
  rows?: number;
  cols?: number;
}

/** A recording client: output kept by offset (overlaps skipped), control frames in order. */
export class TerminalSocket {
  readonly frames: TerminalServerFrame[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Bytes of output received, in order, without duplicates. */
  received = Buffer.alloc(0);
  /** Offset of received[0] in the shell's output. */
  start = 0;
  duplicates = 0;
  gaps = 0;

  constructor(base: string, opts: TerminalSocketOptions) {
    const ticket = opts.ticket ?? mintTicket({ key: ticketKey, userId: opts.userId, executionId: terminalTicketScope });
    const params = new URLSearchParams({ ticket, rows: String(opts.rows ?? 24), cols: String(opts.cols ?? 80) });
    if (opts.id) params.set("id", opts.id);
    if (opts.after) params.set("after", String(opts.after));
    this.ws = new WebSocket(`ws://${base}/v1/terminal?${params}`, { headers: { origin: opts.origin ?? origin } });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      this.ws.once("error", reject);
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) =>
      this.ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    this.ws.on("message", (data, isBinary) => {
      const bytes = data as Buffer;
      if (!isBinary) {
        const frame = TerminalServerFrame.parse(JSON.parse(bytes.toString("utf8")));
        if (frame.type === "hello" && this.received.length === 0) this.start = frame.offset;
        this.frames.push(frame);
        return;
      }
      const output = decodeOutputFrame(bytes);
      if (!output) throw new Error("malformed output frame");
      const have = this.start + this.received.length;
      if (output.offset > have) this.gaps++;
      if (output.offset < have) this.duplicates++;
      const fresh = output.data.subarray(Math.max(0, have - output.offset));
      this.received = Buffer.concat([this.received, Buffer.from(fresh)]);
    });
  }

  get offset(): number {
    return this.start + this.received.length;
  }

  text(): string {
    return this.received.toString("utf8");
  }

  hello() {
    return this.frames.find((f) => f.type === "hello");
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  type(data: string): void {
    this.send({ type: "input", data });
  }

  /** Resolves once `check` holds; fails after timeoutMs (generous: busy machines). */
  async until(what: string, check: (s: TerminalSocket) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got: ${JSON.stringify(this.text().slice(-2000))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Types a command and waits for a marker it prints; answers the text printed after the command. */
  async run(command: string, timeoutMs = 60_000): Promise<string> {
    const marker = `done-${Math.random().toString(36).slice(2, 10)}`;
    const from = this.received.length;
    this.type(`${command}; echo ${marker.slice(0, 4)}""${marker.slice(4)}\r`);
    await this.until(`"${command}"`, (s) => s.received.subarray(from).toString("utf8").includes(marker), timeoutMs);
    const text = this.received.subarray(from).toString("utf8");
    return text.slice(0, text.indexOf(marker));
  }
}
