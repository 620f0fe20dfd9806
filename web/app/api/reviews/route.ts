import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { requestReviewAs } from "@/lib/reviews/actions";
import { Refusal, readBody, refusalResponse } from "@/lib/server/http";

const Body = z.object({
  exerciseId: z.string().min(1).max(200),
  question: z.string().trim().min(10, "say a little more (10 characters or more)").max(2000),
  guardianEmail: z.email("give a grown-up's email address").max(200).optional(),
});

// POST /api/reviews - ask for a review of the caller's latest answer to an exercise (answers the open one if any)
export async function POST(request: Request) {
  const auth = await requireViewer("ask for a review");
  if (!auth.ok) return auth.response;
  const body = await readBody(request, Body, 16 * 1024);
  if (!body.ok) return body.response;
  try {
    const { request: review, created } = await requestReviewAs(auth.viewer, body.data, new URL(request.url).origin);
    return Response.json({ id: review.id, status: review.status, created }, { status: created ? 201 : 200 });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
