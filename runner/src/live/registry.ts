// Live views of runs, by execution id: a bounded replay buffer of output chunks numbered by `seq`, the sockets
// watching, and the running program's stdin for interactive runs. The engine feeds a run's entry; the socket
// route subscribes to it. Nothing here trusts the program: output arrives already capped by the sandbox.
import { StringDecoder } from "node:string_decoder";
import type { LiveServerFrame, RunResult } from "../contract";
import { liveCloseCodes } from "../contract";

export interface LiveClient {
  readonly userId: string;
  send(frame: LiveServerFrame): void;
  close(code: number, reason: string): void;
}

/** The running program's stdin (interactive runs). */
export interface InputSink {
  write(data: string): void;
  eof(): void;
}

export interface LiveOptions {
  /** Output kept per run for late or reconnecting clients; the oldest chunks go first. */
  bufferBytes: number;
  /** How long a socket may wait for a run that has not started yet. */
  waitMs: number;
  /** How long an ended run stays replayable. */
  keepMs: number;
  /** Runs tracked at once (pending, running and ended); past it new sockets are refused. */
  maxRuns: number;
  /** Input a run accepts over the socket in all. */
  maxInputBytes: number;
}

export const liveDefaults: LiveOptions = {
  bufferBytes: 256 * 1024,
  waitMs: 60_000,
  keepMs: 60_000,
  maxRuns: 256,
  maxInputBytes: 1024 * 1024,
};

type Output = Extract<LiveServerFrame, { type: "output" }>;
type End = Extract<LiveServerFrame, { type: "end" }>;

export class LiveRun {
  owner: string | undefined;
  start: Extract<LiveServerFrame, { type: "start" }> | undefined;
  ended: End | undefined;
  readonly clients = new Set<LiveClient>();
  private readonly frames: Output[] = [];
  private bufferBytes = 0;
  private dropped = 0;
  private seq = 0;
  private input: InputSink | null = null;
  private inputBytes = 0;
  private readonly decoders = { stdout: new StringDecoder("utf8"), stderr: new StringDecoder("utf8") };
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly executionId: string,
    private readonly opts: LiveOptions,
    private readonly onEnded: (run: LiveRun) => void,
  ) {}

  /** The program was handed to a sandbox. */
  started(interactive: boolean, wallMs: number): void {
    this.start = { type: "start", interactive, wallMs };
    this.broadcast(this.start);
  }

  output(stream: "stdout" | "stderr", bytes: Buffer): void {
    const data = this.decoders[stream].write(bytes);
    if (data) this.push(stream, data);
  }

  bindInput(sink: InputSink | null): void {
    this.input = sink;
  }

  /** The run did not start after all (its workspace lacked content): the caller sends it again. */
  retract(): void {
    this.start = undefined;
    this.input = null;
  }

  end(result: RunResult): void {
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.decoders[stream].end();
      if (rest) this.push(stream, rest);
    }
    this.input = null;
    this.ended = {
      type: "end",
      lastSeq: this.seq,
      status: result.status,
      exitCode: result.exitCode,
      message: result.message,
      truncated: result.truncated,
    };
    for (const client of this.clients) {
      client.send(this.ended);
      client.close(1000, "run over");
    }
    this.clients.clear();
    this.onEnded(this);
  }

  /** Output so far (after `after`), then the live stream; an ended run's end frame, then close. */
  subscribe(client: LiveClient, after: number): void {
    if (this.dropped > after) {
      client.send({ type: "notice", message: `output up to #${this.dropped} is no longer kept` });
    }
    if (this.start) client.send(this.start);
    for (const frame of this.frames) if (frame.seq > after) client.send(frame);
    if (this.ended) {
      client.send(this.ended);
      client.close(1000, "run over");
      return;
    }
    this.clients.add(client);
  }

  /** Input from a client; a notice back when it cannot be delivered. */
  write(client: LiveClient, data: string | null): void {
    if (!this.input || !this.start?.interactive) {
      client.send({ type: "notice", message: "this program is not waiting for input" });
      return;
    }
    if (data === null) {
      this.input.eof();
      return;
    }
    const bytes = Buffer.byteLength(data);
    if (this.inputBytes + bytes > this.opts.maxInputBytes) {
      client.send({ type: "notice", message: "input limit reached: 1 MiB per run" });
      return;
    }
    this.inputBytes += bytes;
    this.input.write(data);
  }

  private push(stream: "stdout" | "stderr", data: string): void {
    this.seq++;
    const frame: Output = { type: "output", seq: this.seq, stream, data };
    this.frames.push(frame);
    this.bufferBytes += data.length;
    while (this.bufferBytes > this.opts.bufferBytes && this.frames.length > 1) {
      const oldest = this.frames.shift() as Output;
      this.bufferBytes -= oldest.data.length;
      this.dropped = oldest.seq;
    }
    this.broadcast(frame);
  }

  private broadcast(frame: LiveServerFrame): void {
    for (const client of this.clients) client.send(frame);
  }
}

export type Subscription = { ok: true; run: LiveRun } | { ok: false; code: number; reason: string };

export class LiveRegistry {
  private readonly runs = new Map<string, LiveRun>();
  readonly opts: LiveOptions;

  constructor(opts: Partial<LiveOptions> = {}) {
    this.opts = { ...liveDefaults, ...opts };
  }

  get size(): number {
    return this.runs.size;
  }

  /**
   * The engine's entry for a run about to start. `owner` (the viewer) is who may watch: sockets of anyone else
   * that were waiting are closed. A run without an owner has no live view.
   */
  begin(executionId: string, owner: string | undefined): LiveRun | undefined {
    let run = this.runs.get(executionId);
    if (!owner) {
      if (run) this.drop(run, liveCloseCodes.forbidden, "this run has no live view");
      return undefined;
    }
    if (!run) {
      if (!this.makeRoom()) return undefined;
      run = this.create(executionId);
    }
    clearTimeout(run.timer);
    run.owner = owner;
    run.ended = undefined;
    for (const client of run.clients) {
      if (client.userId !== owner) {
        run.clients.delete(client);
        client.close(liveCloseCodes.forbidden, "this run belongs to another user");
      }
    }
    return run;
  }

  /** A socket for `executionId`, its ticket already checked: replays, then follows the run. */
  subscribe(executionId: string, client: LiveClient, after = 0): Subscription {
    let run = this.runs.get(executionId);
    if (run?.owner !== undefined && run.owner !== client.userId) {
      return { ok: false, code: liveCloseCodes.forbidden, reason: "this run belongs to another user" };
    }
    if (!run) {
      if (!this.makeRoom()) return { ok: false, code: liveCloseCodes.busy, reason: "too many live views" };
      const pending = this.create(executionId);
      pending.timer = setTimeout(
        () => this.drop(pending, liveCloseCodes.notStarted, "the run did not start"),
        this.opts.waitMs,
      );
      pending.timer.unref();
      run = pending;
    }
    run.subscribe(client, after);
    return { ok: true, run };
  }

  unsubscribe(executionId: string, client: LiveClient): void {
    this.runs.get(executionId)?.clients.delete(client);
  }

  find(executionId: string): LiveRun | undefined {
    return this.runs.get(executionId);
  }

  stop(): void {
    for (const run of [...this.runs.values()]) this.drop(run, 1001, "runner shutting down");
  }

  private create(executionId: string): LiveRun {
    const run = new LiveRun(executionId, this.opts, (ended) => {
      clearTimeout(ended.timer);
      ended.timer = setTimeout(() => this.drop(ended, 1000, "run over"), this.opts.keepMs);
      ended.timer.unref();
    });
    this.runs.set(executionId, run);
    return run;
  }

  /** Room for one more entry: drops the oldest ended run if needed. */
  private makeRoom(): boolean {
    if (this.runs.size < this.opts.maxRuns) return true;
    for (const run of this.runs.values()) {
      if (run.ended) {
        this.drop(run, 1000, "run over");
        return true;
      }
    }
    return false;
  }

  private drop(run: LiveRun, code: number, reason: string): void {
    clearTimeout(run.timer);
    if (this.runs.get(run.executionId) === run) this.runs.delete(run.executionId);
    for (const client of run.clients) client.close(code, reason);
    run.clients.clear();
  }
}
