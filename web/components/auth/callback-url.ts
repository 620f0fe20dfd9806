/** Only same-site paths: a `callbackUrl` from the query string must never send a learner to another site. */
export function safeCallbackUrl(value: string | string[] | undefined): string | null {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url?.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return null;
  return url;
}
