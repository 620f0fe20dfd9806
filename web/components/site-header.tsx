import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NavLinks } from "@/components/learn/nav-links";
import { NotificationBell } from "@/components/review/notification-bell";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/viewer";
import { unreadCount } from "@/lib/reviews/data";

type SiteHeaderProps = {
  /** The playground has no heading of its own, so the brand is its h1; other pages bring their own h1. */
  brandIsHeading?: boolean;
};

export async function SiteHeader({ brandIsHeading = true }: SiteHeaderProps) {
  const viewer = await getViewer();
  const unread = viewer ? await unreadCount(viewer) : 0;
  const Brand = brandIsHeading ? "h1" : "p";
  return (
    <header className="border-b border-border/70 bg-[radial-gradient(80%_140%_at_0%_0%,rgb(52_211_153/0.10),transparent_60%)]">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-3 sm:flex-nowrap sm:px-5">
        <Link
          href="/"
          className="flex min-w-0 items-center gap-3 rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <LogoMark />
          <div className="min-w-0">
            <Brand className="text-lg leading-tight font-semibold tracking-tight">Codeyard</Brand>
            <p className="hidden truncate text-xs text-muted-foreground xl:block">
              Write Python or JavaScript, press Run, see what it does.
            </p>
          </div>
        </Link>
        <NavLinks signedIn={viewer !== null} />
        <div className="ml-auto flex items-center gap-2">
          <p className="hidden items-center gap-1.5 rounded-full border border-border bg-card px-3 py-1 text-xs text-muted-foreground 2xl:inline-flex">
            <ShieldCheck aria-hidden className="size-3.5 text-primary" />
            Python 3 · runs safely in a sandbox
          </p>
          <ThemeToggle />
          {viewer ? (
            <>
              <NotificationBell unread={unread} />
              <Link
                href="/dashboard"
                data-testid="user-menu"
                title="Your dashboard"
                className="flex max-w-40 items-center gap-2 rounded-full border border-border bg-card py-1 pr-3 pl-1 text-sm font-medium outline-none transition-colors hover:bg-secondary focus-visible:ring-2 focus-visible:ring-ring sm:max-w-56"
              >
                {/* The initial comes from CSS, so the link's text is exactly the name. */}
                <span
                  aria-hidden
                  data-initial={viewer.name.slice(0, 1)}
                  className="flex size-6 shrink-0 items-center justify-center rounded-full bg-gradient-to-br from-emerald-400 to-cyan-400 text-xs font-bold text-primary-foreground uppercase after:content-[attr(data-initial)]"
                />
                <span className="truncate">{viewer.name}</span>
              </Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <Button asChild variant="ghost" size="sm">
                <Link href="/sign-in">Sign in</Link>
              </Button>
              <Button asChild size="sm">
                <Link href="/sign-up">Sign up</Link>
              </Button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

function LogoMark() {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className="size-9 shrink-0 drop-shadow-[0_4px_14px_rgb(52_211_153/0.35)]">
      <defs>
        <linearGradient id="codeyard-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#34d399" />
          <stop offset="1" stopColor="#22d3ee" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#codeyard-logo)" />
      <path
        d="M10 11l-4 5 4 5M22 11l4 5-4 5M18 9l-4 14"
        fill="none"
        stroke="#04140d"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
