import { describe, expect, it } from "vitest";
import { AnswerBook, fingerprintOf } from "./answers";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("AnswerBook", () => {
  it("lets a repeat join the answer in flight, then answers it from the store", async () => {
    const book = new AnswerBook<string>();
    expect(book.find("a", "f1")).toBeUndefined();
    const produced = deferred<{ answer: string; remember: boolean }>();
    const first = book.start("a", "f1", () => produced.promise);
    const joined = book.find("a", "f1");
    expect(joined?.kind).toBe("joined");
    produced.resolve({ answer: "result", remember: true });
    expect(await first).toBe("result");
    expect(joined?.kind === "joined" && (await joined.answer)).toBe("result");
    const stored = book.find("a", "f1");
    expect(stored?.kind).toBe("stored");
    expect(stored?.kind === "stored" && (await stored.answer)).toBe("result");
    expect(book.size).toMatchObject({ running: 0, stored: 1 });
  });

  it("calls another request under a known id a conflict, in flight and stored", async () => {
    const book = new AnswerBook<string>();
    const produced = deferred<{ answer: string; remember: boolean }>();
    const first = book.start("a", "f1", () => produced.promise);
    expect(book.find("a", "f2")).toEqual({ kind: "conflict" });
    produced.resolve({ answer: "result", remember: true });
    await first;
    expect(book.find("a", "f2")).toEqual({ kind: "conflict" });
  });

  it("forgets answers not to be remembered and failures, so the id may run again", async () => {
    const book = new AnswerBook<string>();
    await book.start("a", "f", async () => ({ answer: "retry me", remember: false }));
    expect(book.find("a", "f")).toBeUndefined();
    await expect(book.start("b", "f", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(book.find("b", "f")).toBeUndefined();
    expect(book.size).toEqual({ running: 0, stored: 0, bytes: 0 });
  });

  it("keeps answers for ttlMs only", async () => {
    let now = 1_000;
    const book = new AnswerBook<string>({ ttlMs: 100, now: () => now });
    await book.start("a", "f", async () => ({ answer: "x", remember: true }));
    now += 99;
    expect(book.find("a", "f")?.kind).toBe("stored");
    now += 1;
    expect(book.find("a", "f")).toBeUndefined();
    expect(book.size.bytes).toBe(0);
  });

  it("drops the oldest answers past maxEntries or maxBytes", async () => {
    const book = new AnswerBook<string>({ maxEntries: 2, maxBytes: 30 });
    for (const id of ["a", "b", "c"]) await book.start(id, "f", async () => ({ answer: id, remember: true }));
    expect(book.find("a", "f")).toBeUndefined();
    expect(book.size).toEqual({ running: 0, stored: 2, bytes: 6 });
    // 22 bytes of JSON: with "c" (3 bytes) it fits in 30, with "b" as well it would not.
    await book.start("d", "f", async () => ({ answer: "x".repeat(20), remember: true }));
    expect(book.find("b", "f")).toBeUndefined();
    expect(book.find("c", "f")?.kind).toBe("stored");
    expect(book.size).toEqual({ running: 0, stored: 2, bytes: 25 });
    // One answer larger than the whole budget is not kept at all.
    await book.start("e", "f", async () => ({ answer: "y".repeat(40), remember: true }));
    expect(book.find("e", "f")).toBeUndefined();
    expect(book.size.stored).toBe(2);
  });

  it("fingerprints equal requests alike and different ones apart", () => {
    expect(fingerprintOf({ id: "a", stdin: "1" })).toBe(fingerprintOf({ id: "a", stdin: "1" }));
    expect(fingerprintOf({ id: "a", stdin: "1" })).not.toBe(fingerprintOf({ id: "a", stdin: "2" }));
  });
});
