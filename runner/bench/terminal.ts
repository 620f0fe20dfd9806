// Bench parts for the terminal: keystroke echo round trip (a key sent over the socket to bash in the session
// sandbox, until its echo comes back) on loopback, and the runner's memory while `yes` floods a terminal for 10 s
// with a client that reads as fast as it can (flow control holds the shell back when the client falls behind).
import WebSocket from "ws";
import { decodeOutputFrame, terminalTicketScope } from "../src/contract";
import { mintTicket } from "../src/ticket";
import { percentile } from "./stats";

export interface TerminalBenchTarget {
  base: string;
  ticketKey: string;
  origin: string;
}

class Client {
  readonly ws: WebSocket;
  received = 0;
  text = "";
  private waiters: (() => void)[] = [];

  constructor(target: TerminalBenchTarget, userId: string) {
    const ticket = mintTicket({ key: target.ticketKey, userId, executionId: terminalTicketScope });
    this.ws = new WebSocket(`ws://${target.base}/v1/terminal?ticket=${ticket}&rows=24&cols=80`, {
      headers: { origin: target.origin },
    });
    this.ws.on("message", (data, binary) => {
      if (!binary) return;
      const frame = decodeOutputFrame(data as Buffer);
      if (!frame) return;
      this.received += frame.data.length;
      this.text = (this.text + Buffer.from(frame.data).toString("latin1")).slice(-4096);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
  }

  send(data: string): void {
    this.ws.send(JSON.stringify({ type: "input", data }));
  }

  /** Resolves at the next output frame. */
  next(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no output in time")), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async until(text: string, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(text)) {
      if (Date.now() > deadline) throw new Error(`no "${text}" from the terminal`);
      await this.next(timeoutMs).catch(() => {});
    }
  }
}

const fmt = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p95 ${percentile(sorted, 0.95).toFixed(1)} ms (n=${xs.length})`;
};

export async function benchTerminal(target: TerminalBenchTarget, quick: boolean): Promise<void> {
  const client = new Client(target, "bench-terminal");
  await client.opened();
  client.send("echo bench-ready-$((1+1))\r");
  await client.until("bench-ready-2");
  await new Promise((resolve) => setTimeout(resolve, 500));

  const latencies: number[] = [];
  const keys = quick ? 100 : 300;
  for (let i = 0; i < keys; i++) {
    // A letter, then a backspace: each echoes at once at bash's prompt.
    for (const key of ["a", "\x7f"]) {
      const echoed = client.next();
      const started = performance.now();
      client.send(key);
      await echoed;
      latencies.push(performance.now() - started);
    }
  }
  console.log(`\nterminal: keystroke echo round trip through the runner on loopback: ${fmt(latencies)}`);
  const p50 = percentile(
    [...latencies].sort((a, b) => a - b),
    0.5,
  );
  console.log(`  ${p50 < 20 ? "met    " : "MISSED "} keystroke echo p50 < 20 ms`);

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const startBytes = client.received;
  client.send("yes codeyard-flood\r");
  const floodMs = 10_000;
  await new Promise((resolve) => setTimeout(resolve, floodMs));
  client.send("\x03");
  clearInterval(sampler);
  const bytes = client.received - startBytes;
  client.send("echo flood-over\r");
  await client.until("flood-over");
  const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `terminal: \`yes\` for ${floodMs / 1000} s: ${mib(bytes)} MiB reached the client (${mib(bytes / (floodMs / 1000))} MiB/s); ` +
      `runner RSS ${mib(before)} MiB before, peak ${mib(peak)} MiB (+${mib(peak - before)} MiB; bench client in the same process)`,
  );
  client.ws.send(JSON.stringify({ type: "close" }));
  client.ws.close();
}
