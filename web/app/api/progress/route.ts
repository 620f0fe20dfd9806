import { getViewer } from "@/lib/auth/viewer";
import { completedExercises } from "@/lib/learning/data";
import { jsonError } from "@/lib/server/http";

// GET /api/progress - the exercises the caller has passed
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, "Sign in to see your progress.");
  const completed = await completedExercises(viewer);
  if (!completed) return jsonError(503, "Your progress cannot be loaded right now; lessons still work.");
  return Response.json({ completed: [...completed] }, { headers: { "cache-control": "no-store" } });
}
