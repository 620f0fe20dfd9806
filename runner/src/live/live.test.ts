import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveServerFrame, RunRequest } from "../contract";
import { requireSandbox, roomyWallMs, uniqueId } from "../testing";
import { mintTicket } from "../ticket";
import { LiveSocket, startLiveServer, ticketKey } from "./live-testing";

let runner: Awaited<ReturnType<typeof startLiveServer>>;

beforeAll(async () => {
  await requireSandbox();
  runner = await startLiveServer();
});
afterAll(async () => {
  await runner?.stop();
});

function request(userId: string, content: string, extra: Partial<RunRequest> = {}): RunRequest {
  return {
    id: uniqueId("live"),
    language: "python",
    files: [{ path: "main.py", content }],
    session: { userId },
    limits: { wallMs: roomyWallMs },
    ...extra,
  };
}

const outputs = (frames: LiveServerFrame[]) => frames.filter((f) => f.type === "output");
const ended = (frames: LiveServerFrame[]) => frames.some((f) => f.type === "end");

describe("live view over a WebSocket (real Docker, real server on 127.0.0.1)", () => {
  it("streams each line as it is printed, in order, before the run ends", async () => {
    const run = request(
      "streamer",
      "import time\nfor i in range(12):\n    print('line', i)\n    time.sleep(0.2)\nprint('oops', file=__import__('sys').stderr)",
    );
    const socket = new LiveSocket(runner.base, { userId: "streamer", executionId: run.id });
    await socket.opened;
    let answered = false;
    const answer = runner.post(run).then((r) => {
      answered = true;
      return r;
    });
    // print() may reach the pipe in pieces ("line", " 0", "\n"): wait for a whole line.
    await socket.until("the first line", () => socket.output().includes("\n"));
    const seenWhileRunning = socket.output();
    expect(answered).toBe(false);
    expect(seenWhileRunning).toMatch(/^line 0\n/);
    expect(seenWhileRunning).not.toContain("line 11");
    const { status, body } = await answer;
    expect(status).toBe(200);
    await socket.until("the end frame", ended);
    expect(await socket.closed).toBe(1000);
    const seqs = outputs(socket.frames).map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(socket.output()).toBe(body.stdout);
    expect(socket.output("stderr")).toBe("oops\n");
    expect(socket.frames[0]).toMatchObject({ type: "start", interactive: false });
    expect(socket.frames.at(-1)).toMatchObject({ type: "end", status: "ok", exitCode: 0, lastSeq: seqs.length });
  });

  it("replays the output so far to a late client, then only newer frames after a reconnect", async () => {
    const run = request("late", "for i in range(5):\n    print(i, flush=True)");
    expect((await runner.post(run)).status).toBe(200);
    const late = new LiveSocket(runner.base, { userId: "late", executionId: run.id });
    await late.until("the end frame", ended);
    expect(late.output()).toBe("0\n1\n2\n3\n4\n");
    const seqs = outputs(late.frames).map((f) => f.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const last = seqs.at(-1) ?? 0;
    const again = new LiveSocket(runner.base, { userId: "late", executionId: run.id, after: last - 1 });
    await again.until("the end frame", ended);
    expect(outputs(again.frames).map((f) => f.seq)).toEqual([last]);
  });

  it("takes input for an interactive run: input() round-trips", async () => {
    const run = request("asker", 'name = input("Name? ")\nprint("Hi", name)', { interactive: true });
    const socket = new LiveSocket(runner.base, { userId: "asker", executionId: run.id });
    await socket.opened;
    const answer = runner.post(run);
    await socket.until("the prompt", () => socket.output() === "Name? ");
    expect(socket.frames.find((f) => f.type === "start")).toMatchObject({ interactive: true, wallMs: 120_000 });
    socket.send({ type: "input", data: "Ada\n" });
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", stdout: "Name? Hi Ada\n" });
    await socket.until("the end frame", ended);
    expect(socket.output()).toBe("Name? Hi Ada\n");
  });

  it("closes stdin on eof and refuses input to a run that is not interactive", async () => {
    const run = request("eofer", "import sys\nprint(repr(sys.stdin.read()))", { interactive: true });
    const socket = new LiveSocket(runner.base, { userId: "eofer", executionId: run.id });
    await socket.opened;
    const answer = runner.post(run);
    await socket.until("the start frame", (frames) => frames.some((f) => f.type === "start"));
    socket.send({ type: "input", data: "a\nb" });
    socket.send({ type: "eof" });
    expect((await answer).body).toMatchObject({ status: "ok", stdout: "'a\\nb'\n" });

    const fixed = request("eofer", "import time\ntime.sleep(2)\nprint(input())", { stdin: "given\n" });
    const other = new LiveSocket(runner.base, { userId: "eofer", executionId: fixed.id });
    await other.opened;
    const fixedAnswer = runner.post(fixed);
    await other.until("the start frame", (frames) => frames.some((f) => f.type === "start"));
    other.send({ type: "input", data: "typed\n" });
    await other.until("a notice", (frames) => frames.some((f) => f.type === "notice"));
    expect((await fixedAnswer).body).toMatchObject({ status: "ok", stdout: "given\n" });
  });

  it("stops the run on kill (Ctrl+C / Stop): cancelled, with the output printed so far", async () => {
    const run = request("stopper", "import time\nprint('started', flush=True)\nwhile True:\n    time.sleep(0.05)", {
      interactive: true,
    });
    const socket = new LiveSocket(runner.base, { userId: "stopper", executionId: run.id });
    await socket.opened;
    const answer = runner.post(run);
    await socket.until("the first line", () => socket.output() === "started\n");
    socket.send({ type: "kill" });
    const { body } = await answer;
    expect(body).toMatchObject({ status: "cancelled", stdout: "started\n" });
    await socket.until("the end frame", ended);
    expect(socket.frames.at(-1)).toMatchObject({ type: "end", status: "cancelled" });
  });
});

describe("live tickets and origins", () => {
  const refusal = async (socket: LiveSocket) => await socket.opened.then(() => "opened").catch((e: Error) => e.message);

  it("refuses forged, expired, other-execution and other-user tickets, and foreign or missing origins", async () => {
    const run = request("owner", "print('mine')");
    expect((await runner.post(run)).status).toBe(200);
    const executionId = run.id;
    const ok = new LiveSocket(runner.base, { userId: "owner", executionId });
    expect(await refusal(ok)).toBe("opened");
    await ok.closed;

    const forged = mintTicket({ key: "another-key-0123456789abcdef0123456789ab", userId: "owner", executionId });
    const expired = mintTicket({ key: ticketKey, userId: "owner", executionId, now: Date.now() - 61_000 });
    const otherRun = mintTicket({ key: ticketKey, userId: "owner", executionId: "someone-elses" });
    const cases: [string, ConstructorParameters<typeof LiveSocket>[1], string][] = [
      ["forged", { userId: "owner", executionId, ticket: forged }, "refused with 401"],
      ["expired", { userId: "owner", executionId, ticket: expired }, "refused with 401"],
      ["garbage", { userId: "owner", executionId, ticket: "v1.e30.AAAA" }, "refused with 401"],
      ["other execution", { userId: "owner", executionId, ticket: otherRun }, "refused with 403"],
      ["other user", { userId: "intruder", executionId }, "refused with 403"],
      ["foreign origin", { userId: "owner", executionId, origin: "https://evil.example" }, "refused with 403"],
      ["no origin", { userId: "owner", executionId, origin: null }, "refused with 403"],
    ];
    for (const [name, opts, expected] of cases) {
      expect([name, await refusal(new LiveSocket(runner.base, opts))]).toEqual([name, expected]);
    }
  });

  it("closes a socket that waited for a run which then belongs to another user", async () => {
    const run = request("real-owner", "print('secret output')");
    const waiting = new LiveSocket(runner.base, { userId: "intruder", executionId: run.id });
    await waiting.opened;
    expect((await runner.post(run)).status).toBe(200);
    expect(await waiting.closed).toBe(4403);
    expect(waiting.output()).toBe("");
  });
});
