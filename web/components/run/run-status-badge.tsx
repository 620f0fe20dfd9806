import {
  CircleCheck,
  CircleDashed,
  CircleStop,
  CircleX,
  Clock,
  Keyboard,
  LoaderCircle,
  ScrollText,
} from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { runOutcome } from "./run-outcome";
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
      if (runOutcome(state.execution) === "too-much-output")
        return { label: "Too much output", tone: "warning", icon: <ScrollText aria-hidden /> } as const;
      if (runOutcome(state.execution) === "needs-input")
        return { label: "Needs input", tone: "warning", icon: <Keyboard aria-hidden /> } as const;
      if (state.execution.status === "ok")
        return { label: "Finished", tone: "success", icon: <CircleCheck aria-hidden /> } as const;
      if (state.execution.status === "cancelled")
        return { label: "Stopped", tone: "neutral", icon: <CircleStop aria-hidden /> } as const;
      if (state.execution.status === "timeout")
        return { label: "Timed out", tone: "danger", icon: <Clock aria-hidden /> } as const;
      return { label: "Error", tone: "danger", icon: <CircleX aria-hidden /> } as const;
    case "failed":
      return state.refusal
        ? ({ label: "Limit reached", tone: "warning", icon: <Clock aria-hidden /> } as const)
        : ({ label: "Error", tone: "danger", icon: <CircleX aria-hidden /> } as const);
  }
}
