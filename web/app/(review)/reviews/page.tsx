import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusBadge } from "@/components/review/status";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/viewer";
import { exerciseTitle, getReviewsHub } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Reviews · Codeyard" };

export default async function ReviewsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/reviews");
  const { mine, reviewing, profile } = await getReviewsHub(viewer);
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-3xl font-semibold tracking-tight">Code reviews</h1>
        {viewer.role === "admin" && (
          <Button asChild variant="ghost">
            <Link href="/admin/reviews">Moderation</Link>
          </Button>
        )}
        {profile?.active ? (
          <Button asChild>
            <Link href="/reviews/queue" data-testid="open-queue">
              Open the queue
            </Link>
          </Button>
        ) : (
          <Button asChild variant="secondary">
            <Link href="/reviews/become">Become a reviewer</Link>
          </Button>
        )}
      </div>
      <section aria-labelledby="mine-heading" className="space-y-3">
        <h2 id="mine-heading" className="text-lg font-semibold">
          Your requests
        </h2>
        {mine.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            None yet. On an exercise you have submitted, choose <strong>Ask a reviewer</strong>.
          </p>
        ) : (
          <ReviewList items={mine} />
        )}
      </section>
      {profile && (
        <section aria-labelledby="reviewing-heading" className="space-y-3">
          <h2 id="reviewing-heading" className="text-lg font-semibold">
            Reviews you give <span className="text-sm font-normal text-muted-foreground">· rank {profile.rank}</span>
          </h2>
          {reviewing.length === 0 ? (
            <p className="text-sm text-muted-foreground">None yet: take one from the queue.</p>
          ) : (
            <ReviewList items={reviewing} />
          )}
        </section>
      )}
    </div>
  );
}

type Item = { id: string; exerciseId: string; status: Parameters<typeof StatusBadge>[0]["status"] };

function ReviewList({ items }: { items: Item[] }) {
  return (
    <ul className="divide-y divide-border rounded-xl border border-border bg-card">
      {items.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
          <Link href={`/reviews/${r.id}`} className="mr-auto font-medium hover:underline">
            {exerciseTitle(r.exerciseId)}
          </Link>
          <StatusBadge status={r.status} />
        </li>
      ))}
    </ul>
  );
}
