// What POST /v1/executions refuses before anything runs: a missing or wrong token, a body that is not a valid
// RunRequest, a body over the size limit. The engine is never started: a refused request must not reach it.
import { describe, expect, it } from "vitest";
import { auth, makeApp, postJson, pythonRun, token } from "./app-testing";
import { Engine } from "./engine";
import { docker } from "./testing";

const app = makeApp(new Engine(docker, { poolSize: 0, sessionIdleMs: 60_000, maxSessions: 1, languages: ["python"] }));
const post = (body: unknown, headers?: Record<string, string>) => postJson(app, "/v1/executions", body, headers);

describe("POST /v1/executions refuses bad requests", () => {
  it.each([
    ["no authorization header", {}],
    ["a wrong token of the same length", { authorization: `Bearer ${"x".repeat(token.length)}` }],
    ["a wrong token of another length", { authorization: "Bearer short" }],
    ["another scheme", { authorization: `Basic ${token}` }],
    ["a token with characters a bearer token cannot hold", { authorization: "Bearer a b\tc" }],
  ])("answers 401 with %s", async (_name, headers) => {
    const res = await post(pythonRun("print(1)"), headers);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "missing or invalid bearer token" });
  });

  it.each([
    ["a parent segment", "../x", "must not contain empty, '.' or '..' segments"],
    ["an absolute path", "/etc/passwd", "file path must be relative"],
    ["a newline", "a\nb.py", "contains a NUL, newline or backslash"],
  ])("answers 400 for a path with %s", async (_name, path, message) => {
    const res = await post(pythonRun("", [{ path, content: "print(1)" }]));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain("files.0.path");
    expect(body.error).toContain(message);
  });

  it("answers 400 for an unknown language and lists every issue", async () => {
    const res = await post({ ...pythonRun("print(1)"), language: "ruby", limits: { wallMs: 999_999 } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain("language: language must be one of: python, javascript");
    expect(error).toContain("limits.wallMs");
  });

  it("answers 400 for a body that is not JSON, 415 for one sent as another type", async () => {
    const res = await post("{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "Malformed JSON in request body" });
    const text = await app.request("/v1/executions", {
      method: "POST",
      headers: { ...auth, "content-type": "text/plain" },
      body: JSON.stringify(pythonRun("print(1)")),
    });
    expect(text.status).toBe(415);
    expect(await text.json()).toEqual({ error: "request body must be JSON with content-type: application/json" });
  });

  it("answers 413 for a body over 8 MiB (room for a 5 MiB workspace)", async () => {
    const res = await post(pythonRun("x".repeat(9 * 1024 * 1024)));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "request body is larger than 8 MiB" });
  });

  it("judges a body by its Content-Length when it states one, and by its bytes when not", async () => {
    const big = JSON.stringify(pythonRun("x".repeat(9 * 1024 * 1024)));
    const headers = { ...auth, "content-type": "application/json" };
    const stated = await app.request("/v1/executions", {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(stated.status).toBe(413);
    expect(await stated.json()).toEqual({ error: "request body is larger than 8 MiB" });
    const bogus = await app.request("/v1/executions", {
      method: "POST",
      headers: { ...headers, "content-length": "12abc" },
      body: "{}",
    });
    expect(bogus.status).toBe(413);
    // Streamed with no length: counted as it arrives.
    const streamed = await app.request("/v1/executions", {
      method: "POST",
      headers,
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // A stated length within the limit goes on to validation.
    const small = JSON.stringify({ id: "" });
    const valid = await app.request("/v1/executions", {
      method: "POST",
      headers: { ...headers, "content-length": String(small.length) },
      body: small,
    });
    expect(valid.status).toBe(400);
  });
});
