import { WorkspaceError } from "@codeyard/drizzle";
import { jsonError } from "@/lib/server/http";
import { logger } from "@/lib/server/logger";

const statusOf = { not_found: 404, exists: 409, stale: 409, invalid: 400, read_only: 403, limit: 413 } as const;

/** The answer for a failed workspace verb: its sentence and status, or a 503 when the database failed. */
export function workspaceErrorResponse(error: unknown, what: string): Response {
  if (error instanceof WorkspaceError) {
    return Response.json(
      { error: error.message, code: error.code, ...(error.current ? { current: error.current } : {}) },
      { status: statusOf[error.code] },
    );
  }
  logger.error({ err: error, what }, "workspace request failed");
  return jsonError(
    503,
    `Codeyard cannot ${what} right now. Your changes are kept in this page; try again in a moment.`,
    {
      "retry-after": "5",
    },
  );
}
