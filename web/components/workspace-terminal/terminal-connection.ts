// The browser's side of the terminal protocol (runner contract/terminal.ts): one WebSocket at a time, a ticket
// from POST /api/terminal for each, output written to xterm by offset (a replay after a reconnect never shows a
// byte twice), pause/resume while xterm is behind, pings that notice a dead connection, and reconnects until the
// runner's grace period is over. An explicit Disconnect never reconnects by itself.
import {
  decodeOutputFrame,
  idleMessage,
  type TerminalClientFrame,
  TerminalServerFrame,
  terminalCloseCodes,
  terminalSize,
} from "@codeyard/runner/contract";

export type TerminalStatus =
  | "idle"
  | "connecting"
  | "connected"
  | "reconnecting"
  | "reconnected"
  | "paused"
  | "disconnected"
  | "ended";

export interface TerminalSink {
  /** Writes output; `done` once xterm has parsed it (flow control). */
  write(data: Uint8Array | string, done?: () => void): void;
  status(status: TerminalStatus, message?: string): void;
  size(): { rows: number; cols: number };
}

/** xterm this far behind: ask the runner to pause; resume once below the low mark. */
const highWater = 256 * 1024;
const lowWater = 32 * 1024;
const pingEveryMs = 5_000;
/** No pong for this long: the connection is dead even if the socket does not know yet. */
const deadAfterMs = 12_000;
/** The runner keeps a dropped shell 5 min by default; stop trying a little before. */
const giveUpAfterMs = 290_000;
const backoffMs = [300, 1_000, 2_000, 3_000];

const storageKey = "codeyard.terminal";

export class TerminalConnection {
  private ws: WebSocket | null = null;
  private terminalId: string | undefined;
  private offset = 0;
  private pending = 0;
  private paused = false;
  private wanted = false;
  private everConnected = false;
  private droppedAt = 0;
  private attempt = 0;
  private lastPong = 0;
  private pinger?: ReturnType<typeof setInterval>;
  private retry?: ReturnType<typeof setTimeout>;
  private queued = "";
  status: TerminalStatus = "idle";

  constructor(private readonly sink: TerminalSink) {
    try {
      const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as { id?: string; offset?: number } | null;
      // A reload starts with an empty screen: the runner replays what its buffer still holds.
      if (saved?.id) this.terminalId = saved.id;
    } catch {
      // No storage: a page reload then starts a new shell.
    }
  }

  private setStatus(status: TerminalStatus, message?: string) {
    this.status = status;
    this.sink.status(status, message);
  }

  /** Opens (or reopens after a pause or a Disconnect) the terminal. */
  connect(): void {
    this.wanted = true;
    this.attempt = 0;
    this.droppedAt = 0;
    void this.open();
  }

  private async open(): Promise<void> {
    clearTimeout(this.retry);
    if (!this.wanted) return;
    if (!this.everConnected || this.status === "paused" || this.status === "ended" || this.status === "idle") {
      this.setStatus("connecting");
    }
    let url: string;
    try {
      const response = await fetch("/api/terminal", { method: "POST", cache: "no-store" });
      const body = (await response.json().catch(() => ({}))) as { url?: string; error?: string };
      if (!response.ok || !body.url) {
        if (response.status >= 400 && response.status < 500) {
          this.wanted = false;
          this.setStatus("ended", body.error ?? "The terminal is not available.");
          return;
        }
        throw new Error(body.error ?? "no ticket");
      }
      url = body.url;
    } catch {
      return this.scheduleRetry();
    }
    if (!this.wanted) return;
    const target = new URL(url);
    const { rows, cols } = this.sink.size();
    target.searchParams.set("rows", String(rows));
    target.searchParams.set("cols", String(cols));
    if (this.terminalId) {
      target.searchParams.set("id", this.terminalId);
      target.searchParams.set("after", String(this.offset));
    }
    const ws = new WebSocket(target);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onmessage = (event) => this.onMessage(event);
    ws.onclose = (event) => this.onClose(ws, event.code, event.reason);
    ws.onopen = () => {
      this.lastPong = Date.now();
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.ping(ws), pingEveryMs);
    };
  }

  private scheduleRetry(): void {
    if (!this.wanted) return;
    if (this.everConnected && this.droppedAt && Date.now() - this.droppedAt > giveUpAfterMs) {
      this.wanted = false;
      this.forget();
      this.setStatus("disconnected", "The connection was lost for too long. Press Connect to start a new shell.");
      return;
    }
    this.setStatus(this.everConnected ? "reconnecting" : "connecting");
    const wait = backoffMs[Math.min(this.attempt, backoffMs.length - 1)] ?? 3_000;
    this.attempt++;
    this.retry = setTimeout(() => void this.open(), wait);
  }

  private ping(ws: WebSocket): void {
    if (ws !== this.ws || ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastPong > deadAfterMs) {
      // Half-open: the network went away without a close. Treat it as a drop.
      ws.close();
      this.onClose(ws, 1006, "no answer");
      return;
    }
    this.send({ type: "ping", at: Date.now() });
  }

  private onMessage(event: MessageEvent): void {
    if (event.data instanceof ArrayBuffer) {
      const frame = decodeOutputFrame(new Uint8Array(event.data));
      if (!frame) return;
      const skip = this.offset - frame.offset;
      if (skip >= frame.data.length) return;
      const fresh = skip > 0 ? frame.data.subarray(skip) : frame.data;
      this.offset = frame.offset + frame.data.length;
      this.pending += fresh.length;
      this.sink.write(fresh, () => {
        this.pending -= fresh.length;
        if (this.paused && this.pending < lowWater) {
          this.paused = false;
          this.send({ type: "resume" });
        }
      });
      if (!this.paused && this.pending > highWater) {
        this.paused = true;
        this.send({ type: "pause" });
      }
      this.remember();
      return;
    }
    let frame: TerminalServerFrame;
    try {
      frame = TerminalServerFrame.parse(JSON.parse(String(event.data)));
    } catch {
      return;
    }
    this.lastPong = Date.now();
    if (frame.type === "hello") {
      const fresh = frame.terminalId !== this.terminalId;
      if (fresh && this.everConnected) this.sink.write("\r\n\x1b[2m[a new shell]\x1b[0m\r\n");
      if (frame.lost > 0) this.sink.write(`\r\n\x1b[2m[${frame.lost} bytes of output were missed]\x1b[0m\r\n`);
      this.terminalId = frame.terminalId;
      this.offset = fresh ? frame.offset : Math.max(this.offset, frame.offset);
      this.remember();
      this.setStatus(frame.resumed && this.everConnected ? "reconnected" : "connected");
      this.everConnected = true;
      this.attempt = 0;
      this.droppedAt = 0;
      this.paused = false;
      if (this.queued) {
        this.send({ type: "input", data: this.queued });
        this.queued = "";
      }
      this.resize(this.sink.size());
    } else if (frame.type === "end") {
      this.forget();
    }
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = null;
    clearInterval(this.pinger);
    if (!this.wanted) return;
    if (code === terminalCloseCodes.idle || code === terminalCloseCodes.sandboxGone) {
      this.wanted = false;
      this.forget();
      this.setStatus("paused", reason || idleMessage);
      return;
    }
    if (code >= 4000 && code < 4100) {
      this.wanted = false;
      if (code !== terminalCloseCodes.replaced) this.forget();
      this.setStatus(code === terminalCloseCodes.closed ? "disconnected" : "ended", reason);
      return;
    }
    this.droppedAt ||= Date.now();
    this.scheduleRetry();
  }

  /** Keys and pastes. After a pause or an end, typing brings a shell back (the keys are sent once it is up). */
  input(data: string): void {
    if (this.ws?.readyState === WebSocket.OPEN && (this.status === "connected" || this.status === "reconnected")) {
      this.send({ type: "input", data });
      return;
    }
    if (this.queued.length < 16 * 1024) this.queued += data;
    if (!this.wanted && (this.status === "paused" || this.status === "ended")) this.connect();
  }

  resize({ rows, cols }: { rows: number; cols: number }): void {
    if (!Number.isInteger(rows) || !Number.isInteger(cols)) return;
    if (rows < terminalSize.minRows || cols < terminalSize.minCols) return;
    this.send({
      type: "resize",
      rows: Math.min(rows, terminalSize.maxRows),
      cols: Math.min(cols, terminalSize.maxCols),
    });
  }

  /** The browser says it is offline: drop the socket now rather than wait for pings to fail. */
  offline(): void {
    if (this.ws && this.wanted) {
      const ws = this.ws;
      ws.close();
      this.onClose(ws, 1006, "offline");
    }
  }

  online(): void {
    if (this.wanted && !this.ws) {
      this.attempt = 0;
      void this.open();
    }
  }

  /** Ends the shell for good. */
  disconnect(): void {
    this.wanted = false;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    this.send({ type: "close" });
    this.ws?.close(1000);
    this.ws = null;
    this.forget();
    this.setStatus("disconnected", "Disconnected. Press Connect to start a new shell.");
  }

  /** Leaves the page: the shell keeps running for the grace period, and a reload reattaches to it. */
  dispose(): void {
    this.wanted = false;
    clearTimeout(this.retry);
    clearInterval(this.pinger);
    this.ws?.close(1000);
    this.ws = null;
  }

  private send(frame: TerminalClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private remember(): void {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify({ id: this.terminalId, offset: this.offset }));
    } catch {
      // Storage full or blocked: reconnects within this page still work.
    }
  }

  private forget(): void {
    this.terminalId = undefined;
    this.offset = 0;
    try {
      sessionStorage.removeItem(storageKey);
    } catch {
      // Nothing stored.
    }
  }
}
