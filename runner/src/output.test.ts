import { describe, expect, it } from "vitest";
import { CappedOutput, decodeUtf8, utf8Boundary } from "./output";

describe("utf8Boundary", () => {
  it.each([
    ["ascii", Buffer.from("abc"), 3],
    ["complete 2-byte char", Buffer.from("aé"), 3],
    ["half of a 2-byte char", Buffer.from("aé").subarray(0, 2), 1],
    ["2 of 3 bytes of ✓", Buffer.from("a✓").subarray(0, 3), 1],
    ["complete 4-byte char", Buffer.from("a😀"), 5],
    ["3 of 4 bytes of 😀", Buffer.from("a😀").subarray(0, 4), 1],
    ["empty", Buffer.alloc(0), 0],
  ])("%s", (_name, bytes, expected) => {
    expect(utf8Boundary(bytes)).toBe(expected);
  });

  it("keeps an uncut invalid byte visible as U+FFFD", () => {
    expect(decodeUtf8(Buffer.from([0x61, 0xc3]), false)).toBe("a\ufffd");
    expect(decodeUtf8(Buffer.from([0x61, 0xc3]), true)).toBe("a");
  });
});

describe("CappedOutput", () => {
  it("keeps at most cap bytes and reports the overflow once", () => {
    let overflows = 0;
    const out = new CappedOutput(5, () => overflows++);
    out.write(Buffer.from("abc"));
    out.write(Buffer.from("def"));
    out.write(Buffer.from("ghi"));
    expect(out.text()).toBe("abcde");
    expect(out.overflowed).toBe(true);
    expect(overflows).toBe(1);
  });

  it("does not flag output that exactly fills the cap", () => {
    const out = new CappedOutput(3, () => {});
    out.write(Buffer.from("abc"));
    expect(out.text()).toBe("abc");
    expect(out.overflowed).toBe(false);
  });
});
