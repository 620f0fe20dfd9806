import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** A card with a header bar: the editor, the output and the results are each one. */
export function Panel({ className, ...props }: ComponentProps<"section">) {
  return (
    <section
      className={cn(
        "flex min-h-0 flex-col overflow-hidden rounded-xl border border-border bg-card shadow-lg shadow-black/20",
        className,
      )}
      {...props}
    />
  );
}

type PanelHeaderProps = {
  icon: ReactNode;
  title: string;
  /** Set it and point the panel's aria-labelledby at it to name the panel by its title. */
  titleId?: string;
  /** A quiet note on the right, e.g. "Python 3". */
  detail?: string;
  /** Actions on the right, e.g. a Clear button. */
  children?: ReactNode;
};

export function PanelHeader({ icon, title, titleId, detail, children }: PanelHeaderProps) {
  return (
    <div
      className={cn(
        // Wraps rather than cut its actions off when they do not fit (a phone): one row is still 40 px.
        "flex min-h-10 shrink-0 flex-wrap items-center gap-x-2 border-b border-border bg-card-header py-1 pl-3 text-sm [&>svg]:size-4 [&>svg]:text-muted-foreground",
        children ? "pr-1.5" : "pr-3",
      )}
    >
      {icon}
      <h2 id={titleId} className="font-medium text-foreground">
        {title}
      </h2>
      {detail && <span className="ml-auto text-xs text-muted-foreground">{detail}</span>}
      {children && <div className="ml-auto flex flex-wrap items-center justify-end gap-1">{children}</div>}
    </div>
  );
}
