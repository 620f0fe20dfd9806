import { describe, expect, it } from "vitest";
import { explainError, TIMEOUT_EXPLANATION } from "./friendly-errors";

describe("explainError", () => {
  it("points at the line of a syntax error", () => {
    expect(explainError("Line 3: invalid syntax")).toBe(
      "Python could not understand line 3. Check for a missing bracket, quote or colon.",
    );
  });

  it("explains indentation separately from other syntax errors", () => {
    expect(explainError("IndentationError: expected an indented block after 'if' statement on line 2")).toMatch(
      /line 2\. Check that the lines inside/,
    );
  });

  it("recognises timeouts however the grader words them", () => {
    for (const message of ["timeout", "Timed out after 5 s", "Your program took too long", "time limit exceeded"]) {
      expect(explainError(message)).toBe(TIMEOUT_EXPLANATION);
    }
  });

  it("names the unknown name of a NameError", () => {
    expect(explainError("NameError: name 'pritn' is not defined")).toContain("“pritn”");
  });

  it("adds nothing to a plain wrong-output message", () => {
    expect(explainError("Expected: Hello, Zara!\nActual: Hello Zara")).toBeNull();
  });
});
