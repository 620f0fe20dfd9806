import { Playground } from "@/components/playground/playground";
import { SiteHeader } from "@/components/site-header";

// Server Component: only the playground below the header ships JavaScript.
export default function HomePage() {
  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh">
      <SiteHeader />
      <main className="flex min-h-0 flex-1 flex-col px-3 pt-3 pb-3 sm:px-5 sm:pb-5">
        <Playground />
      </main>
    </div>
  );
}
