import { describe, expect, it } from "vitest";
import { ExitReport, encodeMessage, type Frame, FrameParser, isPng, maxPayload, parseJsonFrame } from "./frames";

function frame(kind: string, payload: Buffer | string): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(5);
  header.write(kind, 0, "latin1");
  header.writeUInt32BE(body.length, 1);
  return Buffer.concat([header, body]);
}

function parse(chunks: Buffer[]): { frames: Frame[]; errors: string[] } {
  const frames: Frame[] = [];
  const errors: string[] = [];
  const parser = new FrameParser(
    (f) => frames.push(f),
    (e) => errors.push(e.message),
  );
  for (const chunk of chunks) parser.parse(chunk);
  return { frames, errors };
}

describe("FrameParser", () => {
  it("reassembles frames split at every byte boundary", () => {
    const stream = Buffer.concat([frame("O", "hello"), frame("E", ""), frame("X", '{"code":0}')]);
    const bytes = [...stream].map((b) => Buffer.from([b]));
    const { frames, errors } = parse(bytes);
    expect(errors).toEqual([]);
    expect(frames.map((f) => [f.kind, f.payload.toString()])).toEqual([
      ["O", "hello"],
      ["E", ""],
      ["X", '{"code":0}'],
    ]);
  });

  it("rejects an unknown kind and stops parsing", () => {
    const { frames, errors } = parse([Buffer.concat([frame("Z", "x"), frame("O", "after")])]);
    expect(frames).toEqual([]);
    expect(errors).toEqual(["sandbox protocol violation: unknown frame kind 0x5a"]);
  });

  it("rejects a length past the kind's cap before buffering anything", () => {
    const header = Buffer.alloc(5);
    header.write("O", 0, "latin1");
    header.writeUInt32BE(0xffffffff, 1);
    const { errors } = parse([header]);
    expect(errors[0]).toContain("O frame of 4294967295 bytes is too large");
    expect(maxPayload.O).toBe(65536);
  });
});

describe("ExitReport", () => {
  it.each([
    ['{"code":0,"signal":null,"dirty":false}', { code: 0, signal: null, dirty: false }],
    ['{"code":null,"signal":9}', { code: null, signal: 9 }],
    ['{"error":"bad path"}', { error: "bad path" }],
    ['{"code":256,"signal":null}', null],
    ['{"code":"0","signal":null}', null],
    ['{"signal":99,"code":null}', null],
    ["not json", null],
    ["[]", null],
  ])("%s", (payload, expected) => {
    expect(parseJsonFrame(Buffer.from(payload), ExitReport)).toEqual(expected);
  });
});

describe("encodeMessage and isPng", () => {
  it("prefixes the JSON byte length, counting UTF-8 bytes", () => {
    expect(encodeMessage({ s: "é" }).toString()).toBe('10\n{"s":"é"}');
  });

  it("accepts only the PNG signature", () => {
    expect(isPng(Buffer.from("\x89PNG\r\n\x1a\nrest", "latin1"))).toBe(true);
    expect(isPng(Buffer.from("GIF89a..."))).toBe(false);
    expect(isPng(Buffer.from("\x89PNG\r\n\x1a\n", "latin1"))).toBe(false);
  });
});
