import { requireViewer } from "@/lib/auth/viewer";
import { reviewActions } from "@/lib/reviews/actions";

// POST /api/notifications/read - mark every notification of the caller as read
export async function POST() {
  const auth = await requireViewer("read notifications");
  if (!auth.ok) return auth.response;
  return Response.json({ read: await reviewActions.readNotifications(auth.viewer) });
}
