import { CircleAlert } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BecomeReviewerForm } from "@/components/review/become-reviewer-form";
import { getViewer } from "@/lib/auth/viewer";
import { getBecomeReviewerPage } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Become a reviewer · Codeyard" };

export default async function BecomeReviewerPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/reviews/become");
  const page = await getBecomeReviewerPage(viewer);
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Become a reviewer</h1>
      <p className="text-muted-foreground">
        Reviewers help other learners with their code. You can review a level once you have passed every exercise in it,
        and you must be in the 16+ group. Your rank grows with well-rated reviews and decides which levels you may take.
      </p>
      {page.profile && !page.profile.active && (
        <p role="alert" className="rounded-lg border border-danger/40 bg-danger/10 p-3 text-sm">
          An admin has paused your reviewer role.
        </p>
      )}
      {page.eligible ? (
        <BecomeReviewerForm levels={page.levels} chosen={page.profile?.levels ?? []} />
      ) : (
        <section
          data-testid="reviewer-missing"
          className="space-y-2 rounded-xl border border-warning/40 bg-warning/5 p-4"
        >
          <h2 className="flex items-center gap-2 font-semibold">
            <CircleAlert aria-hidden className="size-4 text-warning" />
            Not yet: here is what is missing
          </h2>
          <ul className="list-disc space-y-1 pl-6 text-sm">
            {page.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
