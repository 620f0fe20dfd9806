import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";

export default function LearnLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      {children}
    </div>
  );
}
