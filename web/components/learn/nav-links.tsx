"use client";

import { GraduationCap, LayoutDashboard, MessagesSquare, SquareTerminal } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const LINKS = [
  { href: "/", label: "Playground", icon: SquareTerminal, match: (path: string) => path === "/" },
  { href: "/learn", label: "Learn", icon: GraduationCap, match: (path: string) => path.startsWith("/learn") },
  {
    href: "/dashboard",
    label: "Dashboard",
    icon: LayoutDashboard,
    match: (path: string) => path.startsWith("/dashboard"),
    signedInOnly: true,
  },
  {
    href: "/reviews",
    label: "Reviews",
    icon: MessagesSquare,
    match: (path: string) => path.startsWith("/reviews"),
    signedInOnly: true,
  },
];

// A client component only to know the current path, so the active link can be marked.
export function NavLinks({ signedIn }: { signedIn: boolean }) {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" className="order-last -mx-1 w-full sm:order-none sm:mx-0 sm:w-auto">
      <ul className="flex items-center gap-1">
        {LINKS.filter((link) => signedIn || !link.signedInOnly).map(({ href, label, icon: Icon, match }) => {
          const active = match(pathname);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex h-8 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium text-muted-foreground outline-none transition-colors hover:bg-secondary hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-secondary text-foreground",
                )}
              >
                <Icon aria-hidden className={cn("size-4", active && "text-primary")} />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
