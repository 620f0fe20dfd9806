import { CircleCheck, CircleDashed, CircleStop, CircleX, Clock, LoaderCircle } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { RunState } from "./use-execution";

export function RunStatusBadge({ state }: { state: RunState }) {
  const { label, tone, icon } = describePhase(state);
  return (
    <Badge tone={tone} data-testid="status-badge" data-phase={state.phase} role="status" aria-live="polite">
      {icon}
      {label}
    </Badge>
  );
}

function describePhase(state: RunState) {
  switch (state.phase) {
    case "idle":
      return { label: "Ready", tone: "neutral", icon: <CircleDashed aria-hidden /> } as const;
    case "queued":
      return { label: "Waiting for a sandbox", tone: "info", icon: <Clock aria-hidden /> } as const;
    case "running":
      return { label: "Running", tone: "info", icon: <LoaderCircle aria-hidden className="animate-spin" /> } as const;
    case "finished":
      if (state.execution.status === "ok")
        return { label: "Finished", tone: "success", icon: <CircleCheck aria-hidden /> } as const;
      if (state.execution.status === "cancelled")
        return { label: "Stopped", tone: "neutral", icon: <CircleStop aria-hidden /> } as const;
      if (state.execution.status === "timeout")
        return { label: "Timed out", tone: "danger", icon: <Clock aria-hidden /> } as const;
      return { label: "Error", tone: "danger", icon: <CircleX aria-hidden /> } as const;
    case "failed":
      return state.refusal
        ? ({ label: "Limit reached", tone: "danger", icon: <Clock aria-hidden /> } as const)
        : ({ label: "Error", tone: "danger", icon: <CircleX aria-hidden /> } as const);
  }
}
