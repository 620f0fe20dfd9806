import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";

export default function LearnLayout({ children }: { children: ReactNode }) {
  return (
    // A lesson page fills the window exactly on a desktop: its two columns scroll on their own.
    <div className="flex min-h-dvh flex-col lg:has-[[data-lesson-page]]:h-dvh">
      <SiteHeader brandIsHeading={false} />
      {children}
    </div>
  );
}
