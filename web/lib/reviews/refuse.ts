import "server-only";
import { ReviewError } from "@codeyard/drizzle";
import { Refusal } from "@/lib/server/http";

const statusOf = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 } as const;

/** Runs a review verb; its ReviewError becomes the Refusal the handler answers. */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReviewError) throw new Refusal(statusOf[error.kind], error.message);
    throw error;
  }
}
