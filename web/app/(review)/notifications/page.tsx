import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { timeAgo } from "@/components/learn/time-ago";
import { ActionButton } from "@/components/review/action-button";
import { cn } from "@/components/ui/cn";
import { getViewer } from "@/lib/auth/viewer";
import { getNotifications } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Notifications · Codeyard" };

export default async function NotificationsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/notifications");
  const items = await getNotifications(viewer);
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <div className="max-w-2xl space-y-4">
      <div className="flex items-center gap-3">
        <h1 className="mr-auto text-3xl font-semibold tracking-tight">Notifications</h1>
        {unread > 0 && (
          <ActionButton url="/api/notifications/read" label="Mark all as read" variant="secondary" testId="mark-read" />
        )}
      </div>
      {items.length === 0 ? (
        <p className="text-muted-foreground">Nothing yet.</p>
      ) : (
        <ul className="divide-y divide-border rounded-xl border border-border bg-card">
          {items.map((n) => (
            <li
              key={n.id}
              data-testid="notification"
              data-kind={n.kind}
              data-unread={!n.readAt}
              className={cn("flex items-center gap-3 px-4 py-3 text-sm", !n.readAt && "bg-info/5")}
            >
              {!n.readAt && (
                <>
                  <span aria-hidden className="size-2 shrink-0 rounded-full bg-info" />
                  <span className="sr-only">Unread:</span>
                </>
              )}
              {n.requestId ? (
                <Link href={`/reviews/${n.requestId}`} className="mr-auto hover:underline">
                  {n.text}
                </Link>
              ) : (
                <span className="mr-auto">{n.text}</span>
              )}
              <span className="text-xs whitespace-nowrap text-muted-foreground">
                {timeAgo(n.createdAt.toISOString())}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
