import { describe, expect, it } from "vitest";
import { loadEnv } from "./env";

const keys = { INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-0123", RUNNER_TOKEN: "x".repeat(24) };

describe("Inngest configuration", () => {
  it("drives functions in process when nothing is configured", () => {
    expect(loadEnv({})).toMatchObject({
      dispatchMode: "inline",
      production: false,
      capacity: { total: 4, gradings: 2 },
    });
  });

  it("accepts INNGEST_DEV as a flag or as the dev server's URL", () => {
    expect(loadEnv({ INNGEST_DEV: "1" })).toMatchObject({ dispatchMode: "inngest", inngestDev: true });
    expect(loadEnv({ INNGEST_DEV: "http://127.0.0.1:8288" })).toMatchObject({
      dispatchMode: "inngest",
      inngestDev: true,
      inngestBaseUrl: "http://127.0.0.1:8288",
    });
    expect(loadEnv({ INNGEST_DEV: "0" })).toMatchObject({ dispatchMode: "inline", inngestDev: false });
  });

  it("refuses an event key without the signing key Inngest's calls need", () => {
    expect(() => loadEnv({ INNGEST_EVENT_KEY: "evt" })).toThrow(/INNGEST_SIGNING_KEY/);
    expect(loadEnv(keys)).toMatchObject({ dispatchMode: "inngest" });
  });

  it("refuses to start in production without Inngest keys, naming each missing variable", () => {
    const vercel = { NODE_ENV: "production", VERCEL: "1" };
    expect(() => loadEnv(vercel)).toThrow(/INNGEST_EVENT_KEY is missing[\s\S]*INNGEST_SIGNING_KEY is missing/);
    expect(() => loadEnv({ CODEYARD_ENV: "production", ...keys, RUNNER_TOKEN: undefined })).toThrow(/RUNNER_TOKEN/);
    expect(loadEnv({ ...vercel, ...keys, RUNNER_URL: "https://runner.example" })).toMatchObject({ production: true });
    // `pnpm start` runs next start with NODE_ENV=production on one machine: local mode, in-process runs.
    expect(loadEnv({ NODE_ENV: "production" })).toMatchObject({ production: false, dispatchMode: "inline" });
  });

  it("needs https for a runner that is not on this machine", () => {
    expect(() => loadEnv({ RUNNER_URL: "http://runner.example:8787" })).toThrow(/RUNNER_URL must use https/);
    expect(loadEnv({ RUNNER_URL: "http://[::1]:8787" }).RUNNER_URL).toBe("http://[::1]:8787");
    expect(loadEnv({ RUNNER_URL: "https://runner.example" }).RUNNER_URL).toBe("https://runner.example");
  });

  it("shares work between several runners, their slots added up", () => {
    const two = loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787, http://127.0.0.1:8788/", RUNNER_CONCURRENCY: "6" });
    expect(two.runnerUrls).toEqual(["http://127.0.0.1:8787", "http://127.0.0.1:8788"]);
    expect(two.capacity).toEqual({ total: 12, gradings: 6 });
    expect(loadEnv({ RUNNER_URL: "http://127.0.0.1:9000" }).runnerUrls).toEqual(["http://127.0.0.1:9000"]);
    expect(() => loadEnv({ RUNNER_URLS: "https://a.example,http://b.example" })).toThrow(/RUNNER_URLS must use https/);
    expect(() => loadEnv({ RUNNER_URLS: "https://a.example,https://a.example" })).toThrow(/twice/);
    expect(() => loadEnv({ RUNNER_URLS: "https://a.example,not a url" })).toThrow(/http\(s\) URLs/);
  });

  it("reaches each runner's sockets at its public address: url=public, or the URL itself", () => {
    const two = loadEnv({
      RUNNER_URLS: "https://10.0.0.2:8787=https://r2.example/, https://10.0.0.3:8787=https://r3.example",
    });
    expect(two.runners).toEqual([
      { url: "https://10.0.0.2:8787", publicUrl: "https://r2.example" },
      { url: "https://10.0.0.3:8787", publicUrl: "https://r3.example" },
    ]);
    expect(two.runnerUrls).toEqual(["https://10.0.0.2:8787", "https://10.0.0.3:8787"]);
    expect(loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787,http://127.0.0.1:8788" }).runners).toEqual([
      { url: "http://127.0.0.1:8787", publicUrl: "http://127.0.0.1:8787" },
      { url: "http://127.0.0.1:8788", publicUrl: "http://127.0.0.1:8788" },
    ]);
  });

  it("keeps one runner's RUNNER_PUBLIC_URL as it was", () => {
    expect(loadEnv({}).runners).toEqual([{ url: "http://127.0.0.1:8787", publicUrl: "http://127.0.0.1:8787" }]);
    expect(
      loadEnv({ RUNNER_URL: "http://127.0.0.1:9000", RUNNER_PUBLIC_URL: "https://runner.example" }).runners,
    ).toEqual([{ url: "http://127.0.0.1:9000", publicUrl: "https://runner.example" }]);
    expect(
      loadEnv({ RUNNER_URLS: "http://127.0.0.1:9000", RUNNER_PUBLIC_URL: "https://runner.example" }).runners,
    ).toEqual([{ url: "http://127.0.0.1:9000", publicUrl: "https://runner.example" }]);
  });

  it("refuses public addresses that cannot reach the runner holding a run, saying why", () => {
    const both = "http://127.0.0.1:8787=https://a.example,http://127.0.0.1:8788";
    expect(() => loadEnv({ RUNNER_URLS: both })).toThrow(/some runners a public address .* and not others/);
    expect(() =>
      loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787,http://127.0.0.1:8788", RUNNER_PUBLIC_URL: "https://a.example" }),
    ).toThrow(/RUNNER_PUBLIC_URL names one runner's address, but RUNNER_URLS lists several/);
    expect(() =>
      loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787=https://a.example,http://127.0.0.1:8788=https://a.example" }),
    ).toThrow(/same public address/);
    expect(() => loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787=wss://a.example" })).toThrow(
      /gives http:\/\/127.0.0.1:8787 a public address that is not an http\(s\) URL \(got wss:\/\/a.example\)/,
    );
    expect(() => loadEnv({ RUNNER_URLS: "http://127.0.0.1:8787=" })).toThrow(/got nothing/);
    expect(() => loadEnv({ RUNNER_PUBLIC_URL: "ftp://a.example" })).toThrow(/RUNNER_PUBLIC_URL/);
  });

  it("keeps at least one runner slot for runs", () => {
    expect(() => loadEnv({ RUNNER_CONCURRENCY: "4", RUNNER_GRADING_SLOTS: "4" })).toThrow(/RUNNER_GRADING_SLOTS/);
    expect(loadEnv({ RUNNER_CONCURRENCY: "6", RUNNER_GRADING_SLOTS: "2" }).capacity).toEqual({ total: 6, gradings: 2 });
  });

  it("treats an empty variable as unset", () => {
    expect(loadEnv({ INNGEST_EVENT_KEY: "", RUNNER_URL: "" })).toMatchObject({
      dispatchMode: "inline",
      RUNNER_URL: "http://127.0.0.1:8787",
    });
  });
});
