import { reviewRatings } from "@codeyard/drizzle";
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { addIterationAs, claimAs, reviewActions } from "@/lib/reviews/actions";
import { describeZodError, jsonError, Refusal, readJson, refusalResponse } from "@/lib/server/http";

const Empty = z.object({}).strict();
const bodies = {
  claim: Empty,
  cancel: Empty,
  finish: Empty,
  iterate: z.object({ exerciseId: z.string().min(1).max(200) }),
  comment: z.object({
    body: z.string().trim().min(1, "write a comment").max(5000),
    line: z.number().int().positive().nullable().optional(),
  }),
  rate: z.object({
    rating: z.enum(reviewRatings),
    block: z.boolean().optional(),
    report: z.string().max(1000).optional(),
  }),
  report: z.object({ commentId: z.uuid().nullable().optional(), reason: z.string().max(1000) }),
} as const;
type Action = keyof typeof bodies;

// POST /api/reviews/:id/:action - claim, cancel, comment, iterate, finish, rate or report one review
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  const { id, action } = await params;
  if (!(action in bodies) || !z.uuid().safeParse(id).success) return jsonError(404, "No such review action.");
  const auth = await requireViewer("take part in reviews");
  if (!auth.ok) return auth.response;
  const raw = await readJson(request, 16 * 1024);
  if (!raw.ok) return raw.response;
  const parsed = bodies[action as Action].safeParse(raw.value);
  if (!parsed.success) return jsonError(400, describeZodError(parsed.error));
  const viewer = auth.viewer;
  const data = parsed.data as never;
  try {
    switch (action as Action) {
      case "claim":
        await claimAs(viewer, id);
        break;
      case "cancel":
        await reviewActions.cancel(viewer, id);
        break;
      case "finish":
        await reviewActions.finish(viewer, id);
        break;
      case "iterate":
        await addIterationAs(viewer, id, (data as { exerciseId: string }).exerciseId);
        break;
      case "comment":
        await reviewActions.comment(viewer, id, data);
        break;
      case "rate":
        await reviewActions.rate(viewer, id, data);
        break;
      case "report":
        await reviewActions.report(viewer, id, data);
        break;
    }
    return Response.json({ ok: true });
  } catch (error) {
    if (error instanceof Refusal) return refusalResponse(error);
    throw error;
  }
}
