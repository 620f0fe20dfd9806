import { hideReviewComment, resolveReviewReport, setReviewerAccess } from "@codeyard/drizzle";
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { refusing } from "@/lib/reviews/refuse";
import { Refusal, readBody, refusalResponse } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";

const Body = z.discriminatedUnion("action", [
  z.object({ action: z.literal("hide-comment"), commentId: z.uuid() }),
  z.object({ action: z.literal("resolve-report"), reportId: z.uuid() }),
  z.object({
    action: z.literal("set-reviewer"),
    userId: z.uuid(),
    active: z.boolean().optional(),
    approvedForYoung: z.boolean().optional(),
    levels: z.array(z.string().min(1).max(200)).max(20).optional(),
  }),
]);

// POST /api/admin/reviews - moderation: hide a comment, resolve a report, grant/revoke/approve a reviewer
export async function POST(request: Request) {
  const auth = await requireViewer("moderate reviews");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, Body, 8 * 1024);
  if (!body.ok) return body.response;
  const admin = auth.viewer.id;
  const input = body.data;
  try {
    await refusing(async () => {
      const db = await getDb();
      if (input.action === "hide-comment") return hideReviewComment(db, admin, input.commentId);
      if (input.action === "resolve-report") return resolveReviewReport(db, admin, input.reportId);
      const { action: _, userId, ...change } = input;
      return setReviewerAccess(db, admin, userId, change);
    });
    return Response.json({ ok: true });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
