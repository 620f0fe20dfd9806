import { describe, expect, it } from "vitest";
import { servePolicy } from "./serve-policy";

describe("who may call /api/inngest", () => {
  it("answers 404 with what to set when runs are driven in process", () => {
    const policy = servePolicy({ mode: "inline", dev: false, host: "127.0.0.1" });
    expect(policy).toMatchObject({ serve: false, status: 404, message: expect.stringMatching(/INNGEST_DEV=1/) });
  });

  it("serves the dev server's unsigned calls only on a loopback-only app", () => {
    expect(servePolicy({ mode: "inngest", dev: true, host: "127.0.0.1" })).toEqual({ serve: true });
    expect(servePolicy({ mode: "inngest", dev: true, host: "::1" })).toEqual({ serve: true });
    expect(servePolicy({ mode: "inngest", dev: true, host: "0.0.0.0" })).toMatchObject({ serve: false, status: 403 });
  });

  it("serves Inngest Cloud anywhere: its calls are signed and checked", () => {
    expect(servePolicy({ mode: "inngest", dev: false, host: "0.0.0.0" })).toEqual({ serve: true });
  });
});
