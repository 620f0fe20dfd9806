import { describe, expect, it } from "vitest";
import { errorLine, explainError, TIMEOUT_EXPLANATION } from "./friendly-errors";

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

  it("names JavaScript when Node could not read the program", () => {
    expect(explainError("main.js:4\nSyntaxError: Unexpected token '}'")).toBe(
      "JavaScript could not understand line 4. Check for a missing bracket, quote or colon.",
    );
  });

  it("explains an unindent that matches no outer level", () => {
    expect(explainError("Line 5: unindent does not match any outer indentation level")).toMatch(
      /^Python could not understand line 5\. Check that/,
    );
  });

  it("finds the line a message names", () => {
    expect(errorLine("Line 12: invalid syntax")).toBe(12);
    expect(errorLine("main.js:7")).toBe(7);
    expect(errorLine("Expected 3, got 4")).toBeNull();
  });
});
