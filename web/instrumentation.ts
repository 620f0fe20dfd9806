import type { Instrumentation } from "next";

// Runs once when the server starts: a bad or missing setting stops it here, with its sentence, instead of
// failing every request later.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./env");
  const { initSentry } = await import("./lib/server/sentry");
  await initSentry(env.SENTRY_DSN, env.CODEYARD_ENV);
  await import("@codeyard/inngest");
}

// Errors no handler caught (route handlers, server components, server actions) go to Sentry when it is on.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportError } = await import("./lib/server/sentry");
  reportError(error, { method: request.method, path: request.path, route: context.routePath });
};
