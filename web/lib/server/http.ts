import type { z } from "zod";

export function jsonError(status: number, error: string, headers?: HeadersInit) {
  return Response.json({ error }, { status, headers });
}

/** The one way a zod error becomes a sentence for a person: each problem, prefixed by its field when useful. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length && !issue.message.startsWith(String(issue.path[0]))
        ? `${issue.path.join(".")}: ${issue.message}`
        : issue.message,
    )
    .join("; ");
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

/** Reads and validates a JSON body: the parsed value, or the 4xx that says what is wrong. */
export async function readBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const body = await readJson(request, maxBytes);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return { ok: false, response: jsonError(400, describeZodError(parsed.error)) };
  return { ok: true, data: parsed.data };
}

/** A request the server will not take, with the status and the sentence to answer. Verbs throw it; handlers map it. */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Extra fields of the JSON answer, e.g. which limit was hit and when it resets. */
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function refusalResponse(refusal: Refusal): Response {
  return Response.json(
    { error: refusal.message, ...refusal.extra },
    { status: refusal.status, headers: refusal.headers },
  );
}
