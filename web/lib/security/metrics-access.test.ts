import { describe, expect, it } from "vitest";
import { canReadMetrics, isLoopbackHost, metricsRefusal } from "./metrics-access";

const token = "t".repeat(32);
const bearer = (value: string) => new Headers({ authorization: `Bearer ${value}` });

describe("canReadMetrics", () => {
  it("needs the bearer token outside local mode", () => {
    const production = { token, local: false, listenHost: "127.0.0.1" };
    expect(canReadMetrics(new Headers(), production)).toBe(false);
    expect(canReadMetrics(bearer("wrong"), production)).toBe(false);
    expect(canReadMetrics(bearer(`${token}x`), production)).toBe(false);
    expect(canReadMetrics(new Headers({ authorization: `Basic ${token}` }), production)).toBe(false);
    expect(canReadMetrics(bearer(token), production)).toBe(true);
  });

  it("is closed to everyone when no token is configured outside local mode", () => {
    expect(canReadMetrics(bearer(""), { local: false, listenHost: "0.0.0.0" })).toBe(false);
  });

  it("is open in local mode on loopback, and needs the token once local mode listens on the network", () => {
    expect(canReadMetrics(new Headers(), { local: true, listenHost: "127.0.0.1" })).toBe(true);
    expect(canReadMetrics(new Headers(), { local: true, listenHost: "0.0.0.0", token })).toBe(false);
    expect(canReadMetrics(bearer(token), { local: true, listenHost: "0.0.0.0", token })).toBe(true);
  });
});

describe("isLoopbackHost", () => {
  it("knows loopback names and addresses", () => {
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "localhost.evil.example"])
      expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("metricsRefusal", () => {
  it("answers 401 with a sentence that says what is needed", async () => {
    const withToken = metricsRefusal({ token, local: false, listenHost: "0.0.0.0" });
    expect(withToken.status).toBe(401);
    expect(withToken.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await withToken.json()).error).toMatch(/Authorization: Bearer <METRICS_TOKEN>/);
    const closed = await metricsRefusal({ local: false, listenHost: "0.0.0.0" }).json();
    expect(closed.error).toMatch(/set METRICS_TOKEN/);
  });
});
