/** Why a review verb refused: the web layer maps `kind` to an HTTP status and shows `message` as is. */
export class ReviewError extends Error {
  constructor(
    readonly kind: "not_found" | "forbidden" | "conflict" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e?.code ?? e?.cause?.code) === "23505";
}
