import { CircleAlert, CircleCheck, CircleX, Clock } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { SubmissionSummary } from "@/lib/learning/data";
import { timeAgo } from "./time-ago";

const LOOK = {
  pass: { label: "Passed", icon: CircleCheck, colour: "text-success", chip: "bg-success/10 text-success" },
  fail: { label: "Not yet", icon: CircleX, colour: "text-danger", chip: "bg-danger/10 text-danger" },
  error: { label: "Error", icon: CircleAlert, colour: "text-warning", chip: "bg-warning/10 text-warning" },
  queued: { label: "Checking", icon: Clock, colour: "text-info", chip: "bg-info/10 text-info" },
  running: { label: "Checking", icon: Clock, colour: "text-info", chip: "bg-info/10 text-info" },
} as const;

export function RecentSubmissions({ submissions }: { submissions: SubmissionSummary[] }) {
  const now = new Date();
  return (
    <ul className="divide-y divide-border">
      {submissions.map((s) => {
        const look = LOOK[s.status];
        const Icon = look.icon;
        return (
          <li key={s.id} data-testid="recent-submission" data-status={s.status}>
            <Link
              href={`/learn/${s.exerciseId}`}
              className="flex items-center gap-3 px-4 py-3 outline-none transition-colors hover:bg-secondary/50 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
            >
              <Icon aria-hidden className={cn("size-5 shrink-0", look.colour)} />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{s.exerciseTitle}</span>
                <span className="block text-xs text-muted-foreground">
                  {s.total > 0 ? `${s.passed} / ${s.total} tests` : "No tests run"} ·{" "}
                  <time dateTime={s.createdAt} title={new Date(s.createdAt).toUTCString()}>
                    {timeAgo(s.createdAt, now)}
                  </time>
                </span>
              </span>
              <span className={cn("shrink-0 rounded-full px-2 py-0.5 text-xs font-medium", look.chip)}>
                {look.label}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
