import type { ReactNode } from "react";

type AuthShellProps = {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
};

/** The centred card every account page sits in. */
export function AuthShell({ title, subtitle, children, footer, wide }: AuthShellProps) {
  return (
    <main className="flex flex-1 items-start justify-center px-3 py-8 sm:items-center sm:px-5 sm:py-12">
      <div className={wide ? "w-full max-w-2xl" : "w-full max-w-md"}>
        <div className="rounded-2xl border border-border bg-card p-5 shadow-2xl shadow-black/30 sm:p-8">
          <div className="mb-6 space-y-1.5">
            <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
            <p className="text-sm text-muted-foreground">{subtitle}</p>
          </div>
          {children}
        </div>
        {footer && <div className="mt-4 text-center text-sm text-muted-foreground">{footer}</div>}
      </div>
    </main>
  );
}
