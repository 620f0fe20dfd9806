// Test support for the live view: a real runner HTTP server on 127.0.0.1 (random port) over a real engine,
// and a WebSocket client that records every frame.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import pino from "pino";
import WebSocket, { WebSocketServer } from "ws";
import { createApp } from "../app";
import { auth } from "../app-testing";
import { LiveServerFrame, type RunRequest } from "../contract";
import { checkSandbox } from "../docker";
import { Engine } from "../engine";
import { docker } from "../testing";
import { mintTicket } from "../ticket";
import { LiveRegistry } from "./registry";
import { liveSocketOptions } from "./route";

export const ticketKey = "test-ticket-key-0123456789abcdef0123456789";
export const origin = "http://localhost:3000";

export async function startLiveServer(opts: { interactiveWallMs?: number } = {}) {
  const live = new LiveRegistry({ waitMs: 60_000 });
  const engine = new Engine(docker, { poolSize: 1, sessionIdleMs: 600_000, maxSessions: 8, live, ...opts });
  engine.start();
  const app = createApp({
    run: (request, log) => engine.run(request, log),
    cancel: (id) => engine.cancel(id),
    checkHealth: () => checkSandbox(docker),
    token: auth.authorization.slice("Bearer ".length),
    logger: pino({ level: "silent" }),
    maxConcurrent: 4,
    live: { registry: live, ticketKey, allowedOrigins: [origin] },
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
    live,
    base,
    /** POST /v1/executions; resolves with the status and body. */
    async post(request: RunRequest): Promise<{ status: number; body: Record<string, unknown> }> {
      const res = await fetch(`http://${base}/v1/executions`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async stop() {
      live.stop();
      await new Promise((resolve) => server.close(resolve));
      await engine.stop();
    },
  };
}

export interface LiveSocketOptions {
  userId: string;
  executionId: string;
  ticket?: string;
  origin?: string | null;
  after?: number;
}

/** A recording client: `frames` in arrival order; `closed` resolves with the close code. */
export class LiveSocket {
  readonly frames: LiveServerFrame[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  private waiters: (() => void)[] = [];

  constructor(base: string, opts: LiveSocketOptions) {
    const ticket = opts.ticket ?? mintTicket({ key: ticketKey, userId: opts.userId, executionId: opts.executionId });
    const query = `ticket=${encodeURIComponent(ticket)}${opts.after ? `&after=${opts.after}` : ""}`;
    const headers: Record<string, string> = {};
    if (opts.origin !== null) headers.origin = opts.origin ?? origin;
    this.ws = new WebSocket(`ws://${base}/v1/live/${encodeURIComponent(opts.executionId)}?${query}`, { headers });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      this.ws.once("error", reject);
    });
    this.opened.catch(() => {});
    this.closed = new Promise((resolve) => this.ws.once("close", (code) => resolve(code)));
    this.ws.on("message", (data) => {
      this.frames.push(LiveServerFrame.parse(JSON.parse(String(data))));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  output(stream: "stdout" | "stderr" = "stdout"): string {
    return this.frames.map((f) => (f.type === "output" && f.stream === stream ? f.data : "")).join("");
  }

  /** Resolves once `check` holds for the frames received; fails after timeoutMs (generous: busy machines). */
  async until(what: string, check: (frames: LiveServerFrame[]) => boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
}
