import type { ReactNode } from "react";

export function PanelHeader({ icon, title, children }: { icon: ReactNode; title: string; children?: ReactNode }) {
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-border bg-card-header pr-1.5 pl-3 text-sm [&>svg]:size-4 [&>svg]:text-muted-foreground">
      {icon}
      <h2 className="font-medium text-foreground">{title}</h2>
      <div className="ml-auto flex items-center gap-1">{children}</div>
    </div>
  );
}
