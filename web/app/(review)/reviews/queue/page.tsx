import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { timeAgo } from "@/components/learn/time-ago";
import { ActionButton } from "@/components/review/action-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { getViewer } from "@/lib/auth/viewer";
import { getQueuePage } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Review queue · Codeyard" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<{ exercise?: string }> }) {
  const { exercise } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/reviews/queue");
  const page = await getQueuePage(viewer, exercise || undefined);
  if (!page) redirect("/reviews/become");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        <div className="mr-auto">
          <h1 className="text-3xl font-semibold tracking-tight">Review queue</h1>
          <p className="text-sm text-muted-foreground">
            Oldest first · your levels at rank {page.profile?.rank ?? 1} · at most 4 claims of 30 minutes each
          </p>
        </div>
        <form className="flex items-center gap-2" action="/reviews/queue">
          <label htmlFor="exercise-filter" className="text-sm">
            Exercise
          </label>
          <select
            id="exercise-filter"
            name="exercise"
            defaultValue={exercise ?? ""}
            data-testid="queue-filter"
            className="h-9 rounded-md border border-border bg-input px-2 text-sm"
          >
            <option value="">All exercises</option>
            {page.exercises.map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" size="sm">
            Filter
          </Button>
        </form>
      </div>
      {page.items.length === 0 ? (
        <p className="rounded-xl border border-border bg-card p-6 text-center text-muted-foreground">
          Nobody is waiting for a review in your levels right now.
        </p>
      ) : (
        <ul className="space-y-3">
          {page.items.map((item) => (
            <li
              key={item.id}
              data-testid="queue-item"
              data-request-id={item.id}
              data-taken={item.taken}
              className="rounded-xl border border-border bg-card p-4"
            >
              <div className="mb-2 flex flex-wrap items-center gap-2">
                <span className="mr-auto font-semibold">{item.exerciseTitle}</span>
                {item.young && <Badge tone="info">Young learner</Badge>}
                <span className="text-xs text-muted-foreground">
                  {item.learner} · asked {timeAgo(item.createdAt)}
                </span>
              </div>
              <p className="mb-3 line-clamp-3 text-sm whitespace-pre-wrap text-foreground/80">{item.question}</p>
              {item.mine ? (
                <Button asChild size="sm">
                  <Link href={`/reviews/${item.id}`}>Continue your review</Link>
                </Button>
              ) : item.taken ? (
                <Badge data-testid="queue-taken">Taken by another reviewer</Badge>
              ) : (
                <ActionButton
                  url={`/api/reviews/${item.id}/claim`}
                  then={`/reviews/${item.id}`}
                  label="Start review"
                  size="sm"
                  testId="start-review"
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
