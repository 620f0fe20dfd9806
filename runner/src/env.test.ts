import { describe, expect, it, vi } from "vitest";
import { defaultMaxSessions } from "./sizing";

// env.ts parses process.env at import, so each case stubs the environment and imports a fresh copy.
async function loadEnvModule() {
  vi.resetModules();
  return import("./env");
}

describe("env", () => {
  it("applies defaults around a valid token", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { env } = await loadEnvModule();
    expect(env).toMatchObject({
      RUNNER_TOKEN: "a".repeat(16),
      RUNNER_HOST: "127.0.0.1",
      RUNNER_PORT: 8787,
      RUNNER_MAX_CONCURRENT: 4,
      RUNNER_GRADING_SLOTS: 2,
      RUNNER_ANSWER_TTL_MS: 900_000,
      RUNNER_ANSWER_ENTRIES: 1000,
      RUNNER_POOL_SIZE: 2,
      RUNNER_SESSION_IDLE_MS: 300_000,
      RUNNER_GUEST_IDLE_MS: 120_000,
      RUNNER_MAX_SESSIONS: defaultMaxSessions(),
      RUNNER_DRAIN_MS: 30_000,
      LOG_LEVEL: "info",
    });
    vi.unstubAllEnvs();
  });

  it("reads the live view's settings: ticket key, allowed origins, interactive wall limit", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    const base = { RUNNER_TOKEN: "a".repeat(16) };
    expect(parseEnv(base).RUNNER_TICKET_KEY).toBeUndefined();
    expect(parseEnv(base)).toMatchObject({
      RUNNER_ALLOWED_ORIGINS: ["http://localhost:3000", "http://127.0.0.1:3000"],
      RUNNER_INTERACTIVE_WALL_MS: 120_000,
    });
    const set = parseEnv({
      ...base,
      RUNNER_TICKET_KEY: "k".repeat(32),
      RUNNER_ALLOWED_ORIGINS: "https://codeyard.dev/, https://www.codeyard.dev",
      RUNNER_INTERACTIVE_WALL_MS: "60000",
    });
    expect(set.RUNNER_ALLOWED_ORIGINS).toEqual(["https://codeyard.dev", "https://www.codeyard.dev"]);
    expect(set.RUNNER_INTERACTIVE_WALL_MS).toBe(60_000);
    expect(() => parseEnv({ ...base, RUNNER_TICKET_KEY: "short" })).toThrow(/RUNNER_TICKET_KEY/);
    expect(() => parseEnv({ ...base, RUNNER_ALLOWED_ORIGINS: "codeyard.dev" })).toThrow(/RUNNER_ALLOWED_ORIGINS/);
  });

  it("says how to set a missing RUNNER_TOKEN", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    expect(() => parseEnv({})).toThrow(/RUNNER_TOKEN is required.*openssl rand -hex 24/);
  });

  it("treats an empty variable as unset", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    const parsed = parseEnv({ RUNNER_TOKEN: "b".repeat(16), RUNNER_PORT: "", DOCKER_SOCKET: "" });
    expect(parsed.RUNNER_PORT).toBe(8787);
    expect(parsed.DOCKER_SOCKET).toBeUndefined();
    expect(() => parseEnv({ RUNNER_TOKEN: "" })).toThrow(/RUNNER_TOKEN is required/);
  });

  it("rejects a short token, a bad port and a bad log level in one message", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    let message = "";
    try {
      parseEnv({ RUNNER_TOKEN: "short", RUNNER_PORT: "http", LOG_LEVEL: "loud" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("RUNNER_TOKEN: RUNNER_TOKEN must be at least 16 characters");
    expect(message).toContain("RUNNER_PORT:");
    expect(message).toContain("LOG_LEVEL:");
  });

  it("derives the gradings' share from the slots and keeps a slot for runs", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    const token = "b".repeat(16);
    expect(parseEnv({ RUNNER_TOKEN: token, RUNNER_MAX_CONCURRENT: "7" }).RUNNER_GRADING_SLOTS).toBe(3);
    expect(parseEnv({ RUNNER_TOKEN: token, RUNNER_MAX_CONCURRENT: "1" }).RUNNER_GRADING_SLOTS).toBe(1);
    expect(parseEnv({ RUNNER_TOKEN: token, RUNNER_GRADING_SLOTS: "3" }).RUNNER_GRADING_SLOTS).toBe(3);
    expect(() => parseEnv({ RUNNER_TOKEN: token, RUNNER_GRADING_SLOTS: "4" })).toThrow(
      "RUNNER_GRADING_SLOTS: RUNNER_GRADING_SLOTS must be less than RUNNER_MAX_CONCURRENT, so runs always keep a slot",
    );
  });

  it("refuses a token that cannot be sent as a bearer token", async () => {
    vi.stubEnv("RUNNER_TOKEN", "a".repeat(16));
    const { parseEnv } = await loadEnvModule();
    vi.unstubAllEnvs();
    expect(() => parseEnv({ RUNNER_TOKEN: "secret with spaces!" })).toThrow(
      "RUNNER_TOKEN may hold only letters, digits and ._~+/- (then = padding)",
    );
    expect(parseEnv({ RUNNER_TOKEN: "abcDEF0123456789-._~+/==" }).RUNNER_TOKEN).toBe("abcDEF0123456789-._~+/==");
  });
});
