// The browser's live view of one run: a WebSocket straight to the runner, opened with a short-lived ticket
// from POST /api/executions/:id/ticket. It replays what was printed so far, then streams; on a dropped
// connection it reconnects with `after=<last seq>`, so no chunk is shown twice. The run's record is still
// what GET /api/executions/:id answers: this is a view and an input channel, never the record.
import { type LiveClientFrame, LiveServerFrame, liveCloseCodes } from "@codeyard/runner/contract";
import { LiveTicketView } from "@/lib/executions/view";
import { readAnswer } from "./api";

type EndFrame = Extract<LiveServerFrame, { type: "end" }>;

export interface LiveHandlers {
  onStart(frame: { interactive: boolean; wallMs: number }): void;
  onOutput(stream: "stdout" | "stderr", data: string): void;
  /** A chunk of output was dropped from the runner's replay buffer: the live copy is not whole. */
  onGap(): void;
  onEnd(frame: EndFrame): void;
}

/** Close codes after which trying again cannot help: over, not yours. */
const finalCloseCodes = new Set([1000, liveCloseCodes.forbidden]);
const maxReconnects = 5;
/** The run had not reached the runner within its wait (a busy machine): ask again this many times. */
const maxNotStartedWaits = 4;
/** With several runners a run gets its runner when it leaves the queue: ask for the ticket again until then. */
const maxPlacementWaitMs = 30_000;

export class LiveSocket {
  private socket: WebSocket | null = null;
  private lastSeq = 0;
  private ended = false;
  private closed = false;
  private reconnects = 0;
  private notStartedWaits = 0;

  private constructor(
    private readonly executionId: string,
    private readonly handlers: LiveHandlers,
  ) {}

  /** Null when the server has live output switched off (or refuses): the caller polls instead. */
  static async open(executionId: string, handlers: LiveHandlers): Promise<LiveSocket | null> {
    const live = new LiveSocket(executionId, handlers);
    return (await live.connect()) ? live : null;
  }

  get isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends input, eof or kill; false when the socket is not open. */
  send(frame: LiveClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  close(): void {
    this.closed = true;
    this.socket?.close(1000);
  }

  /** A ticket, asked again while the server says to wait (503 with Retry-After: no runner holds the run yet). */
  private async requestTicket(): Promise<LiveTicketView | null> {
    for (let waitedMs = 0; ; ) {
      const answer = await fetch(`/api/executions/${encodeURIComponent(this.executionId)}/ticket`, {
        method: "POST",
        cache: "no-store",
      }).catch(() => null);
      if (answer?.ok) return readAnswer(answer, LiveTicketView);
      const retryAfter = Number(answer?.headers.get("retry-after") ?? Number.NaN);
      if (answer?.status !== 503 || !Number.isFinite(retryAfter) || this.closed || waitedMs >= maxPlacementWaitMs)
        return null;
      const ms = Math.min(Math.max(retryAfter, 0.5), 5) * 1000;
      await new Promise((resolve) => setTimeout(resolve, ms));
      waitedMs += ms;
    }
  }

  private async connect(): Promise<boolean> {
    const grant = await this.requestTicket();
    if (!grant || this.closed) return false;
    const url = new URL(grant.url);
    if (this.lastSeq > 0) url.searchParams.set("after", String(this.lastSeq));
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closed || this.ended || finalCloseCodes.has(event.code)) return;
      if (event.code === liveCloseCodes.notStarted) {
        if (this.notStartedWaits++ < maxNotStartedWaits) void this.connect();
        return;
      }
      if (this.reconnects >= maxReconnects) return;
      this.reconnects++;
      setTimeout(() => void this.connect(), 300 * this.reconnects);
    };
    return true;
  }

  private receive(data: unknown) {
    if (typeof data !== "string") return;
    let frame: LiveServerFrame;
    try {
      const parsed = LiveServerFrame.safeParse(JSON.parse(data));
      if (!parsed.success) return;
      frame = parsed.data;
    } catch {
      return;
    }
    switch (frame.type) {
      case "start":
        this.handlers.onStart(frame);
        break;
      case "output":
        if (frame.seq <= this.lastSeq) return;
        if (frame.seq !== this.lastSeq + 1) this.handlers.onGap();
        this.lastSeq = frame.seq;
        this.handlers.onOutput(frame.stream, frame.data);
        break;
      case "notice":
        // Input refused, or older output dropped (the next seq then jumps, which onGap covers).
        break;
      case "end":
        if (frame.lastSeq !== this.lastSeq) this.handlers.onGap();
        this.ended = true;
        this.handlers.onEnd(frame);
        break;
    }
  }
}
