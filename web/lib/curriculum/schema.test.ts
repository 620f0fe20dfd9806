import { describe, expect, it } from "vitest";
import { leakedSecret } from "./schema";

describe("hidden test names", () => {
  it("may not contain a number, an output line or the expected literal of the test", () => {
    expect(leakedSecret({ name: "quiz scores 22", stdin: "quiz\n", stdout: "22\n" })).toBe("22");
    expect(leakedSecret({ name: "greets a visitor", stdin: "Sam\n", stdout: "Hello, Sam!\n" })).toBeUndefined();
    expect(leakedSecret({ name: "greets Sam", stdin: "Sam\n", stdout: "Hello, Sam!\n" })).toBe("Sam");
    expect(leakedSecret({ name: "exactly 100.00 gets 10% off", call: "total([100.00])", expect: "90.0" })).toBe(
      "100.00",
    );
    expect(leakedSecret({ name: "says Hello, Sam!", stdin: "Al\n", stdout: "Hello, Sam!\n" })).toBe("Hello, Sam!");
    expect(leakedSecret({ name: "add gives five", call: "add(2, 3)", expect: "5" })).toBeUndefined();
    expect(leakedSecret({ name: "add(2, 3) gives 5", call: "add(2, 3)", expect: "5" })).toBe("2");
    expect(leakedSecret({ name: "says yes", call: "f()", expect: "'yes please'" })).toBeUndefined();
    expect(leakedSecret({ name: "says yes please", call: "f()", expect: "'yes please'" })).toBe("yes please");
  });

  it("does not count digits inside other words, and lets shown tests say anything", () => {
    expect(leakedSecret({ name: "a 3d shape", stdout: "3\n" })).toBeUndefined();
    expect(leakedSecret({ name: "quiz scores 22", stdin: "quiz\n", stdout: "22\n", shown: true })).toBeUndefined();
  });
});
