import { describe, expect, it } from "vitest";
import { checkStateChange, isSameOrigin } from "./same-origin";

const site = { siteOrigin: "https://codeyard.example" };
const request = (method: string, pathname: string, headers: Record<string, string>) => ({
  method,
  pathname,
  headers: new Headers(headers),
});
const json = { "content-type": "application/json", "content-length": "20" };

describe("checkStateChange", () => {
  it("lets same-origin JSON through", () => {
    const ok = request("POST", "/api/executions", { ...json, origin: "https://codeyard.example" });
    expect(checkStateChange(ok, site)).toBeNull();
    const charset = { "content-type": "application/json; charset=utf-8", "content-length": "2" };
    expect(checkStateChange(request("PUT", "/api/drafts", { ...charset, origin: site.siteOrigin }), site)).toBeNull();
  });

  it("refuses another site's Origin, a missing one and 'null' with 403 and a sentence", () => {
    for (const origin of ["https://evil.example", "https://codeyard.example.evil.example", "null", undefined]) {
      const headers: Record<string, string> = { ...json, host: "codeyard.example" };
      if (origin) headers.origin = origin;
      const refusal = checkStateChange(request("POST", "/api/executions", headers), site);
      expect(refusal?.status, String(origin)).toBe(403);
      expect(refusal?.message).toMatch(
        /^Codeyard refused this request because it did not come from Codeyard's own pages/,
      );
    }
  });

  it("refuses a body that is not JSON with 415, form posts included", () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const refusal = checkStateChange(
        request("POST", "/api/account", { "content-type": type, "content-length": "9", origin: site.siteOrigin }),
        site,
      );
      expect(refusal).toEqual({
        status: 415,
        message: "Send the request body as JSON, with the header Content-Type: application/json.",
      });
    }
    const unlabelled = request("PATCH", "/api/progress", { "transfer-encoding": "chunked", origin: site.siteOrigin });
    expect(checkStateChange(unlabelled, site)?.status).toBe(415);
  });

  it("lets a bodiless same-origin POST through, but not a cross-site one", () => {
    const cancel = request("POST", "/api/executions/1/cancel", { "content-length": "0", origin: site.siteOrigin });
    expect(checkStateChange(cancel, site)).toBeNull();
    const forged = request("DELETE", "/api/drafts", { origin: "https://evil.example" });
    expect(checkStateChange(forged, site)?.status).toBe(403);
  });

  it("leaves reads, pages, next-auth and Inngest to their own checks", () => {
    const foreign = { "content-type": "application/x-www-form-urlencoded", "content-length": "5" };
    expect(checkStateChange(request("GET", "/api/quota", {}), site)).toBeNull();
    expect(checkStateChange(request("POST", "/learn/python", foreign), site)).toBeNull();
    expect(checkStateChange(request("POST", "/api/auth/callback/credentials", foreign), site)).toBeNull();
    expect(checkStateChange(request("PUT", "/api/inngest", { "content-type": "application/json" }), site)).toBeNull();
    // No look-alike path slips past: /api/authx and /API/... are checked.
    expect(checkStateChange(request("POST", "/api/authx", foreign), site)?.status).toBe(403);
    expect(checkStateChange(request("POST", "/API/executions", foreign), site)?.status).toBe(403);
  });
});

describe("isSameOrigin", () => {
  it("without a configured origin, compares with the Host the request was sent to", () => {
    expect(isSameOrigin("http://localhost:3000", "localhost:3000", {})).toBe(true);
    expect(isSameOrigin("https://preview-1.vercel.app", "preview-1.vercel.app", {})).toBe(true);
    expect(isSameOrigin("http://localhost:3001", "localhost:3000", {})).toBe(false);
    expect(isSameOrigin("http://evil.example", "localhost:3000", {})).toBe(false);
  });

  it("with a configured origin, accepts loopback by Host but not a rebinding DNS name", () => {
    const local = { siteOrigin: "http://localhost:3000" };
    expect(isSameOrigin("http://127.0.0.1:3000", "127.0.0.1:3000", local)).toBe(true);
    expect(isSameOrigin("http://rebind.evil.example:3000", "rebind.evil.example:3000", local)).toBe(false);
    expect(isSameOrigin("ftp://localhost:3000", "localhost:3000", local)).toBe(false);
  });
});
