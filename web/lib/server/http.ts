export function jsonError(status: number, error: string, headers?: HeadersInit) {
  return Response.json({ error }, { status, headers });
}

/** Reads a JSON body of at most `maxBytes`; a person-readable error otherwise. */
export async function readJson(
  request: Request,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) {
    return { ok: false, response: jsonError(413, `request body is larger than ${Math.round(maxBytes / 1024)} KiB`) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: jsonError(400, "request body must be JSON") };
  }
}
