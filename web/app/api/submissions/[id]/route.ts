import { getSubmission } from "@codeyard/drizzle";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { toSubmissionView } from "@/lib/learning/submission-view";
import { jsonError } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

const notFound = () => jsonError(404, "No submission with this id.");

// GET /api/submissions/:id - the caller's own submission and its verdict
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Signed out reads as not found too: whether an id exists is nobody else's business.
  const viewer = await getViewer();
  if (!viewer || !z.uuid().safeParse(id).success) return notFound();
  const { log } = requestLogger(request, "GET /api/submissions/:id");
  try {
    const row = await getSubmission(await getDb(), viewer.id, id);
    if (!row) return notFound();
    return Response.json(toSubmissionView(row), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    log.error({ submissionId: id, err: error }, "could not read submission");
    return jsonError(503, "Codeyard cannot read submissions right now. Please try again in a moment.", {
      "retry-after": "2",
    });
  }
}
