import { ShieldCheck } from "lucide-react";

export function SiteHeader() {
  return (
    <header className="border-b border-border/70 bg-[radial-gradient(80%_140%_at_0%_0%,rgb(52_211_153/0.10),transparent_60%)]">
      <div className="flex items-center gap-3 px-3 py-3 sm:px-5">
        <LogoMark />
        <div className="min-w-0">
          <h1 className="text-lg leading-tight font-semibold tracking-tight">Codeyard</h1>
          <p className="truncate text-xs text-muted-foreground sm:text-sm">
            Write Python, press Run, see what your code does.
          </p>
        </div>
        <p className="ml-auto hidden items-center gap-1.5 rounded-full border border-border bg-card px-3 py-1 text-xs text-muted-foreground md:inline-flex">
          <ShieldCheck aria-hidden className="size-3.5 text-primary" />
          Python 3 · runs safely in a sandbox
        </p>
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
