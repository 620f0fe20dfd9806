import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "../app-testing";
import { terminalCloseCodes, terminalTicketScope } from "../contract/terminal";
import { docker, processesOf, requireSandbox, roomyWallMs, uniqueId } from "../testing";
import { mintTicket } from "../ticket";
import { startTerminalServer, TerminalSocket, ticketKey } from "./terminal-testing";

let server: Awaited<ReturnType<typeof startTerminalServer>>;

beforeAll(async () => {
  await requireSandbox();
  server = await startTerminalServer({ graceMs: 60_000, replayBytes: 64 * 1024 });
});

afterAll(async () => {
  await server?.stop();
});

const slow = 360_000;

async function open(userId: string, extra: Partial<ConstructorParameters<typeof TerminalSocket>[1]> = {}) {
  const socket = new TerminalSocket(server.base, { userId, ...extra });
  await socket.opened;
  await socket.until("the shell's prompt", (s) => s.hello() !== undefined && s.text().includes("$"), 240_000);
  return socket;
}

async function terminalSlots(app: { request: (path: string, init: RequestInit) => Response | Promise<Response> }) {
  const answer = (await (await app.request("/v1/capacity", { headers: auth })).json()) as {
    inFlight: { terminals?: number };
  };
  return answer.inFlight.terminals;
}

async function closeFor(socket: TerminalSocket) {
  socket.send({ type: "close" });
  return socket.closed;
}

describe("terminal (real Docker)", () => {
  it(
    "gives bash in /workspace as the sandbox user, echoes, and follows resizes",
    async () => {
      const socket = await open("term-echo", { rows: 30, cols: 100 });
      expect(await socket.run("echo hi-$((40+2))")).toContain("hi-42");
      expect(await socket.run("id -u; pwd")).toMatch(/61000\s+\/workspace/);
      expect(await socket.run("stty size")).toContain("30 100");
      socket.send({ type: "resize", rows: 37, cols: 123 });
      await socket.until("the resize", () => true);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await socket.run("stty size")).toContain("37 123");
      expect(await socket.run("python3 -c 'print(6*7)'; node -e 'console.log(6*6)'")).toMatch(/42[\s\S]*36/);
      // No network but loopback, read-only root.
      expect(await socket.run("ls /sys/class/net; touch /etc/x 2>&1 | head -c 40")).toMatch(/lo\s+touch:/);
      socket.send({ type: "ping", at: 12345 });
      await socket.until("pong", (s) => s.frames.some((f) => f.type === "pong" && f.at === 12345));
      expect(socket.duplicates + socket.gaps).toBe(0);
      expect((await closeFor(socket)).code).toBe(terminalCloseCodes.closed);
    },
    slow,
  );

  it(
    "keeps the shell through a dropped connection and replays what was missed, once and in order",
    async () => {
      const first = await open("term-replay");
      const id = first.hello()?.type === "hello" ? first.hello() : undefined;
      const terminalId = id?.type === "hello" ? id.terminalId : "";
      const pid = (await first.run("echo pid=$$")).match(/pid=(\d+)/)?.[1];
      first.type("for i in $(seq 1 12); do echo line-$i; sleep 0.4; done\r");
      await first.until("line-2", (s) => s.text().includes("line-2"));
      const offset = first.offset;
      first.ws.terminate();
      await first.closed;
      await new Promise((resolve) => setTimeout(resolve, 2_500));

      const again = new TerminalSocket(server.base, { userId: "term-replay", id: terminalId, after: offset });
      await again.opened;
      await again.until("line-12", (s) => s.text().includes("line-12"));
      const hello = again.hello();
      expect(hello).toMatchObject({ type: "hello", terminalId, resumed: true, offset, lost: 0 });
      const all = first.received.toString("utf8") + again.text();
      for (let i = 1; i <= 12; i++) expect(all.split(`line-${i}\r\n`).length - 1).toBe(1);
      expect(again.duplicates + again.gaps).toBe(0);
      expect(await again.run("echo pid=$$")).toContain(`pid=${pid}`);
      await closeFor(again);
    },
    slow,
  );

  it(
    "holds a flooding program back while the client pauses, with the runner's buffer bounded",
    async () => {
      const socket = await open("term-flood");
      const terminal = server.terminals.ofUser("term-flood")[0];
      socket.type("yes flood-line\r");
      await socket.until("the flood", (s) => s.received.length > 200_000);
      socket.send({ type: "pause" });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const paused = socket.received.length;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      // At most what was already on its way when the pause arrived.
      expect(socket.received.length - paused).toBeLessThan(512 * 1024);
      expect(terminal?.buffer.end).toBeDefined();
      const heldEnd = terminal?.buffer.end ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The shell is blocked: it printed no more than the pty and one read hold.
      expect((terminal?.buffer.end ?? 0) - heldEnd).toBeLessThan(256 * 1024);
      socket.send({ type: "resume" });
      await socket.until("more flood", (s) => s.received.length > paused + 1_000_000);
      socket.type("\x03");
      await socket.run("echo stopped");
      expect(socket.duplicates + socket.gaps).toBe(0);
      await closeFor(socket);
    },
    slow,
  );

  it(
    "keeps the shell and its files through a Run; hostile programs die with the terminal",
    async () => {
      const user = "term-hostile";
      const socket = await open(user);
      const pid = (await socket.run("echo pid=$$")).match(/pid=(\d+)/)?.[1];
      await socket.run("echo from-terminal > notes.txt");
      const result = await server.engine.run({
        id: uniqueId("term-run"),
        language: "python",
        files: [
          {
            path: "main.py",
            content: "import os\nprint(sorted(os.listdir('.')))\nopen('out.csv','w').write('a,b\\n')",
          },
        ],
        session: { userId: user },
        limits: { wallMs: roomyWallMs },
      });
      expect(result).toMatchObject({ status: "ok", stdout: "['main.py', 'notes.txt']\n" });
      expect(await socket.run("echo pid=$$; cat notes.txt out.csv")).toMatch(
        new RegExp(`pid=${pid}\\s+from-terminal\\s+a,b`),
      );
      // A process that ignores SIGHUP, a fork bomb kept under the pids limit.
      await socket.run("(trap '' HUP; exec sleep 1000) & disown; nohup sleep 999 >/dev/null 2>&1 & true");
      socket.type("bomb() { bomb | bomb & }; bomb 2>/dev/null\r");
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const containerId = server.engine.sessions.containerOf(user) ?? "";
      expect((await processesOf(containerId)).length).toBeLessThanOrEqual(64);
      expect((await closeFor(socket)).code).toBe(terminalCloseCodes.closed);
      await expect
        .poll(async () => (await docker.getContainer(containerId).top()).Processes?.length ?? 0, { timeout: 60_000 })
        .toBe(1);
      // The sandbox still runs programs.
      const after = await server.engine.run({
        id: uniqueId("term-run"),
        language: "python",
        files: [{ path: "main.py", content: "print('still here')" }],
        session: { userId: user },
        limits: { wallMs: roomyWallMs },
      });
      expect(after).toMatchObject({ status: "ok", stdout: "still here\n" });
    },
    slow,
  );

  it(
    "syncs files: a manifest of /workspace, their text, and writes from the editor",
    async () => {
      const user = "term-files";
      const none = await server.app.request(`/v1/terminal/files?userId=${user}`, { headers: auth });
      expect(await none.json()).toEqual({ sandbox: false, files: [], truncated: false, tag: null });
      const socket = await open(user);
      await socket.run("mkdir -p data && echo 'x,y' > data/points.csv && head -c 300000 /dev/zero > big.bin");
      const put = await server.app.request("/v1/terminal/files", {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({
          userId: user,
          write: [{ path: "main.py", content: "print('from editor')\n" }],
          remove: [],
          tag: "ws-1",
        }),
      });
      expect(await put.json()).toEqual({ failed: [] });
      expect(await socket.run("python3 main.py")).toContain("from editor");
      const listed = await server.app.request(`/v1/terminal/files?userId=${user}`, { headers: auth });
      const manifest = (await listed.json()) as { files: { path: string; sha256: string | null }[]; tag: string };
      expect(manifest.tag).toBe("ws-1");
      expect(manifest.files.map((f) => f.path).sort()).toEqual(["big.bin", "data/points.csv", "main.py"]);
      expect(manifest.files.find((f) => f.path === "big.bin")?.sha256).toBeNull();
      const read = await server.app.request("/v1/terminal/files/read", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ userId: user, paths: ["data/points.csv", "big.bin"] }),
      });
      expect(await read.json()).toEqual({ files: [{ path: "data/points.csv", content: "x,y\n" }] });
      const bad = await server.app.request("/v1/terminal/files", {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ userId: user, write: [{ path: "../etc/passwd", content: "" }], remove: [] }),
      });
      expect(bad.status).toBe(400);
      await closeFor(socket);
    },
    slow,
  );

  it("refuses a socket without a terminal ticket or from another origin", async () => {
    const forRun = mintTicket({ key: ticketKey, userId: "u", executionId: "exec-1" });
    await expect(new TerminalSocket(server.base, { userId: "u", ticket: forRun }).opened).rejects.toThrow("403");
    const expired = mintTicket({ key: ticketKey, userId: "u", executionId: terminalTicketScope, now: 0 });
    await expect(new TerminalSocket(server.base, { userId: "u", ticket: expired }).opened).rejects.toThrow("401");
    const forged = mintTicket({ key: `${ticketKey}x`, userId: "u", executionId: terminalTicketScope });
    await expect(new TerminalSocket(server.base, { userId: "u", ticket: forged }).opened).rejects.toThrow("401");
    await expect(
      new TerminalSocket(server.base, { userId: "u", origin: "https://evil.example" }).opened,
    ).rejects.toThrow("403");
  });
});

describe("terminal lifecycle (real Docker)", () => {
  it(
    "ends an idle terminal with a notice, and limits terminals per user",
    async () => {
      const idle = await startTerminalServer({ idleMs: 4_000, perUser: 1 });
      try {
        const socket = new TerminalSocket(idle.base, { userId: "term-idle" });
        await socket.opened;
        await socket.until("hello", (s) => s.hello() !== undefined, 240_000);
        const second = new TerminalSocket(idle.base, { userId: "term-idle" });
        await second.opened;
        const refused = await second.closed;
        expect(refused.code).toBe(terminalCloseCodes.full);
        expect(refused.reason).toMatch(/1 terminals open/);
        expect(idle.terminals.counts()).toMatchObject({ open: 1, connected: 1, perUser: 1 });
        const capacity = await idle.app.request("/v1/capacity", { headers: auth });
        expect(await capacity.json()).toMatchObject({ terminals: { open: 1 }, inFlight: { terminals: 1 } });
        const ended = await socket.closed;
        expect(ended).toEqual({ code: terminalCloseCodes.idle, reason: "Session paused to save resources" });
        expect(socket.frames.at(-1)).toMatchObject({ type: "end", reason: "idle" });
        expect(idle.terminals.counts().open).toBe(0);
        // Its slot comes back once its processes are gone.
        await expect.poll(() => terminalSlots(idle.app), { timeout: 60_000 }).toBe(0);
      } finally {
        await idle.stop();
      }
    },
    slow,
  );

  it(
    "holds a share of the runner's slots: past it a terminal is refused, and runs keep the last slot",
    async () => {
      const small = await startTerminalServer({ slots: 2, terminalsPerSlot: 1 });
      try {
        const first = new TerminalSocket(small.base, { userId: "term-slots-a" });
        await first.opened;
        await first.until("hello", (s) => s.hello() !== undefined, 240_000);
        const second = new TerminalSocket(small.base, { userId: "term-slots-b" });
        await second.opened;
        const refused = await second.closed;
        expect(refused.code).toBe(terminalCloseCodes.full);
        expect(refused.reason).toMatch(/busy/);
        const capacity = await small.app.request("/v1/capacity", { headers: auth });
        expect(await capacity.json()).toMatchObject({ slots: 2, inFlight: { runs: 0, terminals: 1 } });
        first.send({ type: "close" });
        await first.closed;
        await expect.poll(() => terminalSlots(small.app), { timeout: 60_000 }).toBe(0);
      } finally {
        await small.stop();
      }
    },
    slow,
  );
});
