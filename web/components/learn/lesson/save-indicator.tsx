import { Cloud, CloudAlert, CloudCheck, LoaderCircle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { SaveState } from "./use-draft-autosave";

const LOOK = {
  idle: { label: "Autosave on", icon: Cloud, className: "text-muted-foreground" },
  saving: { label: "Saving…", icon: LoaderCircle, className: "text-muted-foreground [&>svg]:animate-spin" },
  saved: { label: "Saved", icon: CloudCheck, className: "text-success" },
  error: { label: "Not saved yet", icon: CloudAlert, className: "text-warning" },
} as const;

export function SaveIndicator({ state }: { state: SaveState }) {
  const { label, icon: Icon, className } = LOOK[state];
  return (
    <span
      role="status"
      data-state={state}
      title={state === "error" ? "Your code could not be saved. We will keep trying." : undefined}
      className={cn("inline-flex items-center gap-1.5 px-1.5 text-xs", className)}
    >
      <Icon aria-hidden className="size-3.5" />
      <span data-testid="save-state">{label}</span>
    </span>
  );
}
