import { describe, expect, it } from "vitest";
import { describeZodError as describeIssues } from "@/lib/server/http";
import { CreateExecutionBody } from "./request";

function errorOf(body: unknown): string {
  const parsed = CreateExecutionBody.safeParse(body);
  if (parsed.success) throw new Error("expected a validation error");
  return describeIssues(parsed.error);
}

describe("CreateExecutionBody", () => {
  it("accepts a Python program with and without stdin", () => {
    expect(CreateExecutionBody.parse({ language: "python", code: "print(1)" })).toEqual({
      language: "python",
      code: "print(1)",
    });
    expect(CreateExecutionBody.parse({ language: "python", code: "x", stdin: "" }).stdin).toBe("");
  });

  it("explains an unknown language", () => {
    expect(errorOf({ language: "cobol", code: "x" })).toMatch(/^language must be one of: python/);
  });

  it("explains empty and oversized code, counting bytes not characters", () => {
    expect(errorOf({ language: "python", code: "   \n" })).toMatch(/code is empty/);
    expect(errorOf({ language: "python", code: "é".repeat(33 * 1024) })).toMatch(/code is larger than 64 KiB/);
    expect(CreateExecutionBody.safeParse({ language: "python", code: "a".repeat(64 * 1024) }).success).toBe(true);
  });

  it("explains wrong types and oversized stdin", () => {
    expect(errorOf({ language: "python", code: 42 })).toMatch(/code must be a string/);
    expect(errorOf({ language: "python", code: "x", stdin: "x".repeat(64 * 1024 + 1) })).toMatch(/stdin is larger/);
    expect(errorOf(null)).toMatch(/object/i);
    expect(errorOf({ language: "python", code: "x", interactive: "yes" })).toMatch(/interactive must be true or false/);
    expect(CreateExecutionBody.parse({ language: "javascript", code: "x", interactive: true }).interactive).toBe(true);
  });
});
