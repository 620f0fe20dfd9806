import { afterEach, describe, expect, it, vi } from "vitest";

// web/env.ts parses the environment at import: each case imports a fresh copy under its own variables.
async function loadEnv(vars: Record<string, string>) {
  vi.resetModules();
  for (const name of ["CODEYARD_ENV", "VERCEL", "NEXTAUTH_SECRET", "NEXT_PHASE"]) vi.stubEnv(name, "");
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return (await import("@/env")).env;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("web configuration in production", () => {
  it("refuses to start without NEXTAUTH_SECRET when CODEYARD_ENV=production", async () => {
    await expect(loadEnv({ CODEYARD_ENV: "production" })).rejects.toThrow(
      /Invalid web configuration:\n- NEXTAUTH_SECRET: is required in production \(it signs sessions\)/,
    );
  });

  it("counts NODE_ENV=production on Vercel as production", async () => {
    await expect(loadEnv({ NODE_ENV: "production", VERCEL: "1" })).rejects.toThrow(/NEXTAUTH_SECRET/);
    const env = await loadEnv({ NODE_ENV: "production", VERCEL: "1", NEXTAUTH_SECRET: "s".repeat(64) });
    expect(env).toMatchObject({ production: true, CODEYARD_ENV: "production" });
  });

  it("is local mode for `pnpm start` on one machine (NODE_ENV=production without Vercel)", async () => {
    const env = await loadEnv({ NODE_ENV: "production" });
    expect(env).toMatchObject({ production: false, CODEYARD_ENV: "local", HOST: "127.0.0.1", TRUSTED_PROXY_HOPS: 0 });
  });

  it("rejects an unknown CODEYARD_ENV with a sentence", async () => {
    await expect(loadEnv({ CODEYARD_ENV: "staging" })).rejects.toThrow("- CODEYARD_ENV: use local or production");
  });
});
