// Cross-site request forgery guard for route handlers: a state-changing request to /api must come from the
// site's own pages (its Origin) and carry JSON (a content type no HTML form can send, so a cross-site request
// always needs a CORS preflight, which we never grant). next-auth has its own CSRF token, and /api/inngest
// is signed by Inngest, so both are left to their own checks.

export interface SameOriginPolicy {
  /** The site's public origin (from NEXTAUTH_URL), when configured. */
  siteOrigin?: string;
}
export interface Refusal {
  status: 403 | 415;
  message: string;
}

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const loopbackNames = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isExempt(pathname: string): boolean {
  return (
    pathname === "/api/auth" ||
    pathname.startsWith("/api/auth/") ||
    pathname === "/api/inngest" ||
    pathname.startsWith("/api/inngest/")
  );
}

function originOf(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Same site when the Origin is the configured site origin, or its host is the Host the request was sent to
 * (only on loopback once a site origin is configured, so a rebinding DNS name does not pass).
 */
export function isSameOrigin(origin: string | null, host: string | null, policy: SameOriginPolicy): boolean {
  const url = origin ? originOf(origin) : null;
  if (!url) return false;
  if (policy.siteOrigin && url.origin === policy.siteOrigin) return true;
  if (!host || url.host !== host.toLowerCase()) return false;
  return !policy.siteOrigin || loopbackNames.has(url.hostname);
}

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}

const isJson = (contentType: string | null) => contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";

/** Null when the request may go on; otherwise the status and the sentence to answer with. */
export function checkStateChange(
  request: { method: string; pathname: string; headers: Headers },
  policy: SameOriginPolicy,
): Refusal | null {
  const pathname = request.pathname.toLowerCase();
  if (!stateChanging.has(request.method.toUpperCase())) return null;
  if (!(pathname === "/api" || pathname.startsWith("/api/")) || isExempt(pathname)) return null;
  if (!isSameOrigin(request.headers.get("origin"), request.headers.get("host"), policy)) {
    return {
      status: 403,
      message:
        "Codeyard refused this request because it did not come from Codeyard's own pages (its Origin header is " +
        "missing or names another site). Use the site itself, or send Origin with the site's address.",
    };
  }
  // A request without a body (e.g. "cancel this run") has nothing to label; it still had to pass the Origin check.
  if (hasBody(request.headers) && !isJson(request.headers.get("content-type"))) {
    return { status: 415, message: "Send the request body as JSON, with the header Content-Type: application/json." };
  }
  return null;
}
