// Runs once when the server starts: a bad or missing setting stops it here, with its sentence, instead of
// failing every request later.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await import("./env");
  await import("@codeyard/inngest");
}
