import { Bell } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function NotificationBell({ unread }: { unread: number }) {
  return (
    <Link
      href="/notifications"
      data-testid="notification-bell"
      aria-label={unread ? `Notifications: ${unread} unread` : "Notifications"}
      className="relative flex size-8 items-center justify-center rounded-full border border-border bg-card outline-none hover:bg-secondary focus-visible:ring-2 focus-visible:ring-ring"
    >
      <Bell aria-hidden className="size-4" />
      {unread > 0 && (
        <span
          data-testid="unread-count"
          className={cn(
            "absolute -top-1 -right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] font-bold text-white",
          )}
        >
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
