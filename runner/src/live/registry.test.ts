import { describe, expect, it } from "vitest";
import type { LiveServerFrame, RunResult } from "../contract";
import { type LiveClient, LiveRegistry } from "./registry";

function client(userId: string) {
  const frames: LiveServerFrame[] = [];
  const closes: number[] = [];
  const c: LiveClient = { userId, send: (f) => frames.push(f), close: (code) => closes.push(code) };
  return { c, frames, closes };
}

const result = (status: RunResult["status"]): RunResult => ({
  id: "x",
  status,
  exitCode: 0,
  signal: null,
  stdout: "",
  stderr: "",
  truncated: false,
  wallMs: 1,
});

describe("live registry", () => {
  it("numbers output, never splits a UTF-8 character, replays after `after` and ends", () => {
    const registry = new LiveRegistry();
    const run = registry.begin("e1", "ada");
    run?.started(false, 5000);
    const euro = Buffer.from("€\n");
    run?.output("stdout", euro.subarray(0, 2));
    run?.output("stdout", euro.subarray(2));
    run?.output("stderr", Buffer.from("warn\n"));
    const late = client("ada");
    registry.subscribe("e1", late.c, 1);
    expect(late.frames).toEqual([
      { type: "start", interactive: false, wallMs: 5000 },
      { type: "output", seq: 2, stream: "stderr", data: "warn\n" },
    ]);
    run?.end(result("ok"));
    expect(late.frames.at(-1)).toMatchObject({ type: "end", lastSeq: 2, status: "ok" });
    expect(late.closes).toEqual([1000]);
    const replay = client("ada");
    registry.subscribe("e1", replay.c);
    expect(replay.frames.filter((f) => f.type === "output").map((f) => f.type === "output" && f.data)).toEqual([
      "€\n",
      "warn\n",
    ]);
  });

  it("keeps a bounded buffer and says what was dropped", () => {
    const registry = new LiveRegistry({ bufferBytes: 10 });
    const run = registry.begin("e2", "ada");
    for (let i = 0; i < 5; i++) run?.output("stdout", Buffer.from(`line${i}\n`));
    const late = client("ada");
    registry.subscribe("e2", late.c);
    expect(late.frames[0]).toMatchObject({ type: "notice" });
    expect(late.frames.filter((f) => f.type === "output").map((f) => f.type === "output" && f.seq)).toEqual([5]);
  });

  it("refuses another user's socket, and closes waiting sockets of other users when the run starts", () => {
    const registry = new LiveRegistry();
    const intruder = client("eve");
    const owner = client("ada");
    expect(registry.subscribe("e3", intruder.c).ok).toBe(true);
    expect(registry.subscribe("e3", owner.c).ok).toBe(true);
    registry.begin("e3", "ada")?.output("stdout", Buffer.from("secret\n"));
    expect(intruder.closes).toEqual([4403]);
    expect(intruder.frames).toEqual([]);
    expect(owner.frames).toEqual([{ type: "output", seq: 1, stream: "stdout", data: "secret\n" }]);
    expect(registry.subscribe("e3", client("eve").c)).toMatchObject({ ok: false, code: 4403 });
  });

  it("sends input only to a started interactive run, within its budget", () => {
    const registry = new LiveRegistry({ maxInputBytes: 4 });
    const run = registry.begin("e4", "ada");
    const ada = client("ada");
    registry.subscribe("e4", ada.c);
    const got: string[] = [];
    run?.write(ada.c, "early");
    run?.started(true, 120_000);
    run?.bindInput({ write: (d) => got.push(d), eof: () => got.push("EOF") });
    run?.write(ada.c, "abc");
    run?.write(ada.c, "de");
    run?.write(ada.c, null);
    expect(got).toEqual(["abc", "EOF"]);
    expect(ada.frames.filter((f) => f.type === "notice")).toHaveLength(2);
  });

  it("bounds the runs it tracks", () => {
    const registry = new LiveRegistry({ maxRuns: 1 });
    expect(registry.subscribe("a", client("ada").c).ok).toBe(true);
    expect(registry.subscribe("b", client("ada").c)).toMatchObject({ ok: false, code: 4429 });
  });
});
