import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { RequestForm } from "@/components/review/request-form";
import { getViewer } from "@/lib/auth/viewer";
import { getRequestPage } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Request a review · Codeyard" };

export default async function RequestReviewPage({ searchParams }: { searchParams: Promise<{ exercise?: string }> }) {
  const { exercise: exerciseId = "" } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/reviews/request?exercise=${exerciseId}`)}`);
  const page = await getRequestPage(viewer, exerciseId);
  if (!page) notFound();
  if (page.open) redirect(`/reviews/${page.open.id}`);
  const { slots, wait } = page;
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <p className="text-sm text-muted-foreground">Request a review</p>
        <h1 className="text-3xl font-semibold tracking-tight">{page.exercise.title}</h1>
      </div>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-xl border border-border bg-card p-4" data-testid="review-slots">
          <dt className="text-sm text-muted-foreground">Review slots</dt>
          <dd className="text-2xl font-semibold">
            {slots.used} of {slots.total} in use
          </dd>
          <dd className="text-xs text-muted-foreground">
            {slots.toNext === null
              ? "You have every slot there is."
              : `Pass ${slots.toNext} more exercise${slots.toNext === 1 ? "" : "s"} to unlock another slot.`}
          </dd>
        </div>
        <div className="rounded-xl border border-border bg-card p-4" data-testid="wait-estimate">
          <dt className="text-sm text-muted-foreground">Usual wait for this level</dt>
          <dd className="text-2xl font-semibold">{wait.text ?? "Not known yet"}</dd>
          <dd className="text-xs text-muted-foreground">
            {wait.text
              ? `The middle of the last ${wait.samples} waits (last 30 days).`
              : "Too few reviews of this level lately to say honestly."}
          </dd>
        </div>
      </dl>
      {page.guardian === "waiting" && (
        <p className="rounded-lg border border-info/30 bg-info/5 p-3 text-sm">
          We asked your grown-up. Your request will wait until they say yes.
        </p>
      )}
      {!page.submitted ? (
        <p className="text-sm">
          Submit an answer first:{" "}
          <Link href={`/learn/${page.exercise.id}`} className="text-info underline">
            back to the exercise
          </Link>
          .
        </p>
      ) : slots.used >= slots.total ? (
        <p role="alert" className="text-sm">
          All your slots are in use. Finish or cancel a review first.
        </p>
      ) : (
        <RequestForm exerciseId={page.exercise.id} askGuardian={page.guardian === "none"} />
      )}
    </div>
  );
}
