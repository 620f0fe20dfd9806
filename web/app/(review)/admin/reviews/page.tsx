import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { timeAgo } from "@/components/learn/time-ago";
import { ActionButton } from "@/components/review/action-button";
import { Badge } from "@/components/ui/badge";
import { getViewer } from "@/lib/auth/viewer";
import { getModerationPage } from "@/lib/reviews/data";

export const metadata: Metadata = { title: "Moderation · Codeyard" };
const url = "/api/admin/reviews";

export default async function ModerationPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in?callbackUrl=/admin/reviews");
  const page = await getModerationPage(viewer);
  if (!page) notFound();
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-semibold tracking-tight">Review moderation</h1>
      <section aria-labelledby="reports-heading" className="space-y-3">
        <h2 id="reports-heading" className="text-lg font-semibold">
          Open reports ({page.reports.length})
        </h2>
        {page.reports.length === 0 && <p className="text-sm text-muted-foreground">No open reports.</p>}
        <ul className="space-y-3">
          {page.reports.map(({ report, comment, reviewerId }) => (
            <li key={report.id} data-testid="report" className="space-y-2 rounded-xl border border-border bg-card p-4">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <Link href={`/reviews/${report.requestId}`} className="mr-auto font-medium hover:underline">
                  Review {report.requestId.slice(0, 8)}
                </Link>
                <span className="text-xs text-muted-foreground">{timeAgo(report.createdAt.toISOString())}</span>
              </div>
              <p className="text-sm">Reason: {report.reason}</p>
              {comment && (
                <blockquote className="rounded-md border-l-4 border-danger/60 bg-danger/5 p-2 text-sm whitespace-pre-wrap">
                  {comment.hiddenAt ? "(hidden) " : ""}
                  {comment.body}
                </blockquote>
              )}
              <div className="flex flex-wrap gap-2">
                {comment && !comment.hiddenAt && (
                  <ActionButton
                    url={url}
                    body={{ action: "hide-comment", commentId: comment.id }}
                    label="Hide comment"
                    size="sm"
                    testId="hide-comment"
                  />
                )}
                {reviewerId && (
                  <ActionButton
                    url={url}
                    body={{ action: "set-reviewer", userId: reviewerId, active: false }}
                    label="Revoke reviewer"
                    size="sm"
                    variant="secondary"
                  />
                )}
                <ActionButton
                  url={url}
                  body={{ action: "resolve-report", reportId: report.id }}
                  label="Close report"
                  size="sm"
                  variant="ghost"
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reviewers-heading" className="space-y-3">
        <h2 id="reviewers-heading" className="text-lg font-semibold">
          Reviewers
        </h2>
        <ul className="divide-y divide-border rounded-xl border border-border bg-card">
          {page.reviewers.map(({ profile, username }) => (
            <li
              key={profile.userId}
              data-testid="reviewer-row"
              data-username={username}
              className="flex flex-wrap items-center gap-2 px-4 py-3 text-sm"
            >
              <span className="mr-auto font-medium">
                {username} <span className="text-muted-foreground">· rank {profile.rank}</span>
              </span>
              {profile.approvedForYoung && <Badge tone="success">Approved for young learners</Badge>}
              {!profile.active && <Badge tone="danger">Revoked</Badge>}
              <ActionButton
                url={url}
                body={{ action: "set-reviewer", userId: profile.userId, approvedForYoung: !profile.approvedForYoung }}
                label={profile.approvedForYoung ? "Withdraw young-learner approval" : "Approve for young learners"}
                size="sm"
                variant="secondary"
                testId="toggle-young"
              />
              <ActionButton
                url={url}
                body={{ action: "set-reviewer", userId: profile.userId, active: !profile.active }}
                label={profile.active ? "Revoke" : "Reinstate"}
                size="sm"
                variant="ghost"
                testId="toggle-active"
              />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
