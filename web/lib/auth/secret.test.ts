import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./secret";

const dir = mkdtempSync(join(tmpdir(), "codeyard-secret-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolveAuthSecret", () => {
  it("uses NEXTAUTH_SECRET when set", () => {
    const configured = "x".repeat(40);
    expect(resolveAuthSecret({ configured, production: true, file: join(dir, "unused") })).toBe(configured);
  });

  it("refuses production without NEXTAUTH_SECRET, saying how to fix it", () => {
    expect(() => resolveAuthSecret({ production: true, file: join(dir, "never") })).toThrow(
      /NEXTAUTH_SECRET is required in production: set it to the output of `openssl rand -hex 32`/,
    );
  });

  it("in local mode makes a private random secret once and keeps it", () => {
    const file = join(dir, "data", "auth-secret");
    const first = resolveAuthSecret({ production: false, file });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAuthSecret({ production: false, file })).toBe(first);
    expect(readFileSync(file, "utf8")).toBe(first);
    // Another checkout makes another secret: nothing is built in.
    expect(resolveAuthSecret({ production: false, file: join(dir, "other", "auth-secret") })).not.toBe(first);
  });

  it("refuses a damaged secret file with a sentence that says what to do", () => {
    const file = join(dir, "short");
    writeFileSync(file, "too-short");
    expect(() => resolveAuthSecret({ production: false, file })).toThrow(/Delete it to have a new one made/);
  });
});
