import Link from "next/link";
import { Playground } from "@/components/playground/playground";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/lib/auth/viewer";

// Server Component: only the playground below the header ships JavaScript.
export default async function HomePage() {
  const viewer = await getViewer();
  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh">
      <SiteHeader />
      <main className="flex min-h-0 flex-1 flex-col px-3 pt-3 pb-3 sm:px-5 sm:pb-5">
        {viewer && (
          <p className="mb-2 text-sm text-muted-foreground">
            Need more than one file?{" "}
            <Link href="/projects" data-testid="projects-link" className="font-medium text-info hover:underline">
              Open my projects
            </Link>
          </p>
        )}
        <Playground />
      </main>
    </div>
  );
}
