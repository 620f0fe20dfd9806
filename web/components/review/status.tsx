import type { ReviewStatus } from "@codeyard/drizzle";
import { Badge } from "@/components/ui/badge";

const labels: Record<ReviewStatus, string> = {
  awaiting_guardian: "Waiting for a grown-up's approval",
  pending: "Waiting for a reviewer",
  claimed: "A reviewer is looking at it",
  in_progress: "In discussion",
  finished: "Finished",
  cancelled: "Cancelled",
  timed_out: "Closed after 28 quiet days",
};

export function StatusBadge({ status }: { status: ReviewStatus }) {
  const tone =
    status === "finished" ? "success" : status === "in_progress" || status === "claimed" ? "info" : "neutral";
  return (
    <Badge tone={tone} data-testid="review-status" data-status={status}>
      {labels[status]}
    </Badge>
  );
}

/** Whose move it is, from the viewer's side: right after every reply. */
export function TurnBadge({
  turn,
  mine,
  otherName,
}: {
  turn: "reviewer" | "learner" | null;
  mine: boolean;
  otherName: string;
}) {
  if (!turn) return null;
  return (
    <Badge tone={mine ? "success" : "neutral"} data-testid="turn-badge" data-turn={turn}>
      {mine ? "Your turn" : `Waiting for ${otherName}`}
    </Badge>
  );
}
