import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { becomeReviewerAs } from "@/lib/reviews/actions";
import { Refusal, readBody, refusalResponse } from "@/lib/server/http";

const Body = z.object({
  levels: z.array(z.string().min(1).max(200)).min(1, "pick at least one level").max(20),
  acceptCode: z.literal(true, "accept the reviewer commitments"),
});

// POST /api/reviewers - the caller becomes a reviewer of the levels they qualify for
export async function POST(request: Request) {
  const auth = await requireViewer("become a reviewer");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, Body, 8 * 1024);
  if (!body.ok) return body.response;
  try {
    const profile = await becomeReviewerAs(auth.viewer, body.data);
    return Response.json({ levels: profile.levels, rank: profile.rank });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
