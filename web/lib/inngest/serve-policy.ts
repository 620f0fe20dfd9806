// Who may call /api/inngest. Inngest Cloud signs its calls and the SDK checks the signature. The dev server
// signs nothing, so in dev mode the endpoint answers only when the app listens on loopback alone: then every
// caller is on this machine. With no Inngest at all the endpoint has nothing to serve.
const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export type ServePolicy = { serve: true } | { serve: false; status: 403 | 404; message: string };

export function servePolicy(opts: { mode: "inngest" | "inline"; dev: boolean; host: string }): ServePolicy {
  if (opts.mode === "inline") {
    return {
      serve: false,
      status: 404,
      message:
        "Inngest is not configured here: runs are driven in process. Set INNGEST_DEV=1 for a local Inngest dev " +
        "server, or INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY for Inngest Cloud.",
    };
  }
  if (opts.dev && !loopbackHosts.has(opts.host)) {
    return {
      serve: false,
      status: 403,
      message:
        `INNGEST_DEV accepts unsigned calls, so /api/inngest serves them only while the app listens on loopback ` +
        `(HOST=127.0.0.1), not on ${opts.host}. Use Inngest Cloud's signed calls on a reachable host.`,
    };
  }
  return { serve: true };
}
