// Open terminals: a shell per terminal in its user's session sandbox, the clients attached to them, and the
// replay buffer that outlives a dropped connection for the grace period. Flow control: output goes to a client
// only while it has not paused and its socket's send buffer is small; otherwise the shell's stream is paused,
// the pty fills and the program blocks. Memory is bounded on the runner by the buffer plus one read.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import {
  encodeOutputFrame,
  idleMessage,
  type TerminalCounts,
  type TerminalServerFrame,
  type TerminalSize,
  terminalCloseCodes,
} from "../contract/terminal";
import type { Docker } from "../docker";
import type { WarmSandbox } from "../sandbox";
import { openShell, type Shell } from "./exec";
import { killInSandbox } from "./files";
import { killSessionFromHost } from "./host-kill";
import { ReplayBuffer } from "./replay-buffer";

export interface TerminalOptions {
  docker: Docker;
  /** The user's session sandbox, held until release (SessionManager.hold). */
  hold: (userId: string) => Promise<{ sandbox: WarmSandbox; release: () => void }>;
  /** A shell without a client is kept this long (RUNNER_TERMINAL_GRACE_MS). */
  graceMs: number;
  /** A shell nobody typed into for this long ends with "Session paused to save resources". */
  idleMs: number;
  perUser: number;
  max: number;
  /** The terminal's share of the runner's slots (Capacity.takeTerminal); undefined when none is free. */
  slot?: () => { release: () => void } | undefined;
  replayBytes?: number;
  logger?: Logger;
}

/** One connected browser; the route adapts a WebSocket to it. */
export interface TerminalClient {
  sendText(frame: TerminalServerFrame): void;
  sendBinary(data: Uint8Array<ArrayBuffer>): void;
  close(code: number, reason: string): void;
  /** Bytes queued on the socket, not yet sent. */
  buffered(): number;
}

interface Attached {
  client: TerminalClient;
  /** Offset up to which output went to this client. */
  sent: number;
  paused: boolean;
}

export type TerminalEnd = "closed" | "idle" | "exited" | "grace" | "sandbox" | "stopping";

const endCodes: Record<TerminalEnd, [number, string]> = {
  closed: [terminalCloseCodes.closed, "Disconnected."],
  idle: [terminalCloseCodes.idle, idleMessage],
  exited: [terminalCloseCodes.exited, "The shell has exited."],
  grace: [terminalCloseCodes.closed, "The terminal was closed after being disconnected for too long."],
  sandbox: [terminalCloseCodes.sandboxGone, idleMessage],
  stopping: [terminalCloseCodes.sandboxGone, "The runner is restarting. Open the terminal again in a moment."],
};

const defaultReplayBytes = 256 * 1024;
/** Past this many bytes queued on a socket, output waits (and the shell blocks) until it drains. */
const socketHighWater = 128 * 1024;
const drainCheckMs = 20;

export class TerminalFullError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TerminalFullError";
  }
}

export class Terminal {
  readonly id = randomUUID();
  readonly buffer: ReplayBuffer;
  attached: Attached | null = null;
  lastInput = Date.now();
  ended: TerminalEnd | null = null;
  /** Offset when the last client went away: without a client, the shell may print a buffer's worth more. */
  private detachedAt = 0;
  private readPaused = false;
  private drainTimer?: NodeJS.Timeout;
  private graceTimer?: NodeJS.Timeout;
  pids?: { host: number; inner: number | undefined };

  constructor(
    readonly userId: string,
    readonly shell: Shell,
    readonly sandbox: WarmSandbox,
    private readonly manager: TerminalManager,
    replayBytes: number,
  ) {
    this.buffer = new ReplayBuffer(replayBytes);
    shell.stream.on("data", (chunk: Buffer) => {
      this.buffer.add(chunk);
      this.flush();
    });
    shell.stream.once("end", () => void this.manager.end(this, "exited"));
    shell.stream.once("close", () => void this.manager.end(this, "exited"));
    shell.stream.on("error", () => {});
  }

  attach(client: TerminalClient, after: number): void {
    const previous = this.attached;
    if (previous) previous.client.close(terminalCloseCodes.replaced, "This terminal was opened somewhere else.");
    clearTimeout(this.graceTimer);
    const resumed = after > 0 || previous !== null;
    const from = Math.min(Math.max(after, 0), this.buffer.end);
    const { lost } = this.buffer.since(from);
    this.attached = { client, sent: from, paused: false };
    client.sendText({ type: "hello", terminalId: this.id, resumed, offset: from, lost });
    this.flush();
  }

  detach(client: TerminalClient, graceMs: number): void {
    if (this.attached?.client !== client) return;
    this.attached = null;
    this.detachedAt = this.buffer.end;
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => void this.manager.end(this, "grace"), graceMs);
    this.graceTimer.unref();
    this.flush();
  }

  input(data: string): void {
    this.lastInput = Date.now();
    this.shell.stream.write(data);
  }

  setPaused(client: TerminalClient, paused: boolean): void {
    if (this.attached?.client !== client) return;
    this.attached.paused = paused;
    this.flush();
  }

  /** Sends what the client has not had yet, or holds the shell back while it cannot take more. */
  private flush(): void {
    if (this.ended) return;
    const a = this.attached;
    if (!a) {
      this.setReading(this.buffer.end - this.detachedAt < this.buffer.capacity / 2);
      return;
    }
    if (a.paused) {
      this.setReading(false);
      return;
    }
    if (a.client.buffered() > socketHighWater) {
      this.setReading(false);
      this.drainTimer ??= setTimeout(() => {
        this.drainTimer = undefined;
        this.flush();
      }, drainCheckMs);
      return;
    }
    for (const chunk of this.buffer.since(a.sent).chunks) {
      a.client.sendBinary(encodeOutputFrame(chunk.offset, chunk.data));
      a.sent = chunk.offset + chunk.data.length;
    }
    this.setReading(true);
  }

  private setReading(on: boolean): void {
    if (on === !this.readPaused) return;
    this.readPaused = !on;
    if (on) this.shell.stream.resume();
    else this.shell.stream.pause();
  }

  /** Called once by the manager. */
  stop(reason: TerminalEnd): void {
    this.ended = reason;
    clearTimeout(this.graceTimer);
    clearTimeout(this.drainTimer);
    const [code, message] = endCodes[reason];
    const a = this.attached;
    this.attached = null;
    if (a) {
      a.client.sendText({ type: "end", reason, message });
      a.client.close(code, message);
    }
    this.shell.stream.destroy();
  }
}

export class TerminalManager {
  private readonly terminals = new Map<string, Terminal>();
  private readonly releases = new Map<Terminal, () => void>();
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly opts: TerminalOptions) {}

  start(): void {
    const every = Math.min(Math.max(Math.floor(this.opts.idleMs / 4), 200), 30_000);
    this.idleTimer = setInterval(() => this.reapIdle(), every);
    this.idleTimer.unref();
  }

  counts(): TerminalCounts {
    let connected = 0;
    for (const t of this.terminals.values()) if (t.attached) connected++;
    return { open: this.terminals.size, connected, max: this.opts.max, perUser: this.opts.perUser };
  }

  find(userId: string, id: string): Terminal | undefined {
    const terminal = this.terminals.get(id);
    return terminal && terminal.userId === userId && !terminal.ended ? terminal : undefined;
  }

  ofUser(userId: string): Terminal[] {
    return [...this.terminals.values()].filter((t) => t.userId === userId);
  }

  /** A new shell in the user's sandbox; throws TerminalFullError past the limits. */
  async open(userId: string, size: TerminalSize): Promise<Terminal> {
    if (this.ofUser(userId).length >= this.opts.perUser) {
      throw new TerminalFullError(
        `You already have ${this.opts.perUser} terminals open. Close one (Disconnect) to open another.`,
      );
    }
    if (this.terminals.size >= this.opts.max) {
      throw new TerminalFullError("Every terminal of this runner is in use. Please try again in a few minutes.");
    }
    const slot = this.opts.slot ? this.opts.slot() : { release: () => {} };
    if (!slot) {
      throw new TerminalFullError("This runner is busy running programs. Please try again in a minute.");
    }
    let held: { sandbox: WarmSandbox; release: () => void };
    try {
      held = await this.opts.hold(userId);
    } catch (error) {
      slot.release();
      throw error;
    }
    const { sandbox } = held;
    const release = () => {
      held.release();
      slot.release();
    };
    let shell: Shell;
    try {
      shell = await openShell(sandbox.container, size);
    } catch (error) {
      release();
      throw error;
    }
    const terminal = new Terminal(userId, shell, sandbox, this, this.opts.replayBytes ?? defaultReplayBytes);
    this.terminals.set(terminal.id, terminal);
    this.releases.set(terminal, release);
    shell.pids().then(
      (pids) => {
        terminal.pids = pids;
      },
      () => {},
    );
    sandbox.onDeath(() => void this.end(terminal, "sandbox"));
    this.opts.logger?.info({ terminalId: terminal.id, containerId: sandbox.id }, "terminal opened");
    return terminal;
  }

  /** Ends a terminal: tells its client why, kills its shell's processes, lets its session go idle. */
  async end(terminal: Terminal, reason: TerminalEnd): Promise<void> {
    if (terminal.ended) return;
    terminal.stop(reason);
    this.terminals.delete(terminal.id);
    this.opts.logger?.info({ terminalId: terminal.id, reason }, "terminal ended");
    try {
      if (terminal.sandbox.state !== "dead") {
        // A process that ignores SIGHUP would outlive the pty: kill the shell's whole session. Without its
        // pid, and when no other terminal of the user is open, every process of the sandbox user goes.
        const { host, inner } = terminal.pids ?? {};
        if (host && (await killSessionFromHost(terminal.sandbox.id, host))) return;
        const others = this.ofUser(terminal.userId).some((t) => t.sandbox === terminal.sandbox);
        const target = inner ? { session: inner } : others ? null : "all";
        if (target) await killInSandbox(this.opts.docker, terminal.sandbox.container, target);
      }
    } catch (error) {
      this.opts.logger?.warn({ err: error, terminalId: terminal.id }, "could not kill a terminal's processes");
    } finally {
      this.releases.get(terminal)?.();
      this.releases.delete(terminal);
    }
  }

  reapIdle(now = Date.now()): number {
    let reaped = 0;
    for (const terminal of this.terminals.values()) {
      if (now - terminal.lastInput >= this.opts.idleMs) {
        void this.end(terminal, "idle");
        reaped++;
      }
    }
    return reaped;
  }

  async stop(): Promise<void> {
    clearInterval(this.idleTimer);
    await Promise.all([...this.terminals.values()].map((t) => this.end(t, "stopping")));
  }
}
