import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";

export default function ReviewLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader brandIsHeading={false} />
      <main className="mx-auto w-full max-w-5xl flex-1 px-3 py-6 sm:px-5 sm:py-8">{children}</main>
    </div>
  );
}
