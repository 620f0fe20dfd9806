import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Markdown } from "@/components/learn/markdown";
import { ActionButton } from "@/components/review/action-button";
import { CodeView } from "@/components/review/code-view";
import { CommentBox } from "@/components/review/comment-box";
import { RatingForm } from "@/components/review/rating-form";
import { StatusBadge, TurnBadge } from "@/components/review/status";
import { TestResults } from "@/components/review/test-results";
import { getViewer } from "@/lib/auth/viewer";
import { getDiscussionPage } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Review · Codeyard" };

export default async function DiscussionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=/reviews/${id}`);
  const page = await getDiscussionPage(viewer, id);
  if (!page) notFound();
  const { request, party, iterations, comments } = page;
  const latest = iterations.at(-1);
  const file = latest?.files.find((f) => f.path === "main.py") ?? latest?.files[0];
  const code = (file?.content ?? "").replace(/\n$/, "");
  const marked = new Set(comments.filter((c) => c.line && c.iteration === latest?.number).map((c) => c.line as number));
  const open = ["claimed", "in_progress"].includes(request.status);
  const canComment = party === "reviewer" ? open : party === "learner" && request.status === "in_progress";
  const otherName = party === "learner" ? (page.reviewerName ?? "your reviewer") : page.learnerName;
  const base = `/api/reviews/${request.id}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">{page.exercise?.title ?? request.exerciseId}</h1>
        <StatusBadge status={request.status} />
        <TurnBadge turn={request.turn} mine={request.turn === party} otherName={otherName} />
      </div>
      <p className="text-sm text-muted-foreground">
        {party === "learner" ? "You asked" : `${page.learnerName} asked`}
        {page.reviewerName && ` · reviewer: ${page.reviewerName}`}
      </p>
      <section aria-labelledby="question-heading" className="rounded-xl border border-border bg-card p-4">
        <h2 id="question-heading" className="mb-2 text-sm font-semibold text-muted-foreground">
          Question
        </h2>
        <div data-testid="review-question-text">
          <Markdown>{request.question}</Markdown>
        </div>
      </section>
      <section aria-labelledby="code-heading" className="space-y-2">
        <h2 id="code-heading" className="font-semibold">
          Code · iteration {latest?.number ?? 1} of {iterations.length}
        </h2>
        <CodeView code={code} marked={marked} />
        {latest?.result && <TestResults result={latest.result} />}
      </section>
      <section aria-labelledby="discussion-heading" className="space-y-3">
        <h2 id="discussion-heading" className="font-semibold">
          Discussion
        </h2>
        {comments.length === 0 && <p className="text-sm text-muted-foreground">No comments yet.</p>}
        <ol className="space-y-3">
          {comments.map((c) => (
            <li
              key={c.id}
              data-testid="review-comment"
              data-from={c.fromReviewer ? "reviewer" : "learner"}
              className="rounded-xl border border-border bg-card p-4"
            >
              <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                <span className="font-medium text-foreground">{c.author}</span>
                {c.line && <span>line {c.line}</span>}
                <span>iteration {c.iteration}</span>
                {party === "learner" && c.fromReviewer && !c.hidden && (
                  <span className="ml-auto">
                    <ActionButton
                      url={`${base}/report`}
                      body={{ commentId: c.id, reason: "Reported from the discussion." }}
                      label="Report"
                      doneLabel="Reported: a moderator will look at it."
                      variant="ghost"
                      size="sm"
                      testId="report-comment"
                    />
                  </span>
                )}
              </div>
              <Markdown>{c.body}</Markdown>
            </li>
          ))}
        </ol>
        {canComment && (
          <CommentBox
            requestId={request.id}
            lines={code.split("\n").length}
            label={party === "reviewer" ? "Your comment" : "Your reply"}
          />
        )}
      </section>
      <div className="flex flex-wrap gap-3">
        {party === "learner" && ["pending", "claimed", "in_progress"].includes(request.status) && (
          <ActionButton
            url={`${base}/iterate`}
            body={{ exerciseId: request.exerciseId }}
            label="Add my latest answer as a new iteration"
            variant="secondary"
            testId="new-iteration"
          />
        )}
        {party === "learner" && (open || ["pending", "awaiting_guardian"].includes(request.status)) && (
          <ActionButton url={`${base}/cancel`} label="Cancel request" variant="ghost" testId="cancel-review" />
        )}
        {party === "reviewer" && request.status === "in_progress" && (
          <ActionButton url={`${base}/finish`} label="Finish the review" testId="finish-review" />
        )}
      </div>
      {party === "learner" && request.status === "finished" && !request.rating && <RatingForm requestId={request.id} />}
      {request.rating && (
        <p data-testid="review-rating" className="text-sm text-muted-foreground">
          Rated: {request.rating}
        </p>
      )}
    </div>
  );
}
