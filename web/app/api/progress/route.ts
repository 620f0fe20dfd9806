import { requireViewer } from "@/lib/auth/viewer";
import { completedExercises } from "@/lib/learning/data";
import { jsonError } from "@/lib/server/http";

// GET /api/progress - the exercises the caller has passed
export async function GET() {
  const auth = await requireViewer("see your progress");
  if (!auth.ok) return auth.response;
  const completed = await completedExercises(auth.viewer);
  if (!completed) return jsonError(503, "Your progress cannot be loaded right now; lessons still work.");
  return Response.json({ completed: [...completed] }, { headers: { "cache-control": "no-store" } });
}
