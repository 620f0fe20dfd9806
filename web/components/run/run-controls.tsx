"use client";

import { CircleAlert, LoaderCircle, Play, Square } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Kbd } from "@/components/ui/kbd";
import type { Runner } from "./use-runner";
import { useIsMac } from "./use-runner";

type Variant = "primary" | "secondary" | "ghost";

export function RunButton({
  runner,
  variant = "primary",
  title,
  className,
}: {
  runner: Runner;
  variant?: Variant;
  /** The tooltip while Run is allowed. */
  title?: string;
  className?: string;
}) {
  const { busy, blocked, runCode } = runner;
  return (
    <Button
      data-testid="run-button"
      variant={variant}
      onClick={runCode}
      disabled={busy || blocked}
      aria-busy={busy}
      aria-keyshortcuts="Control+Enter Meta+Enter"
      title={blocked ? "You have reached your run limit for now" : title}
      className={className}
    >
      {busy ? <LoaderCircle aria-hidden className="animate-spin" /> : <Play aria-hidden className="fill-current" />}
      {busy ? "Running…" : "Run"}
    </Button>
  );
}

/** Shown only while a run is queued or running. */
export function StopButton({
  runner,
  variant = "secondary",
  labelClassName,
  className,
}: {
  runner: Runner;
  variant?: Variant;
  labelClassName?: string;
  className?: string;
}) {
  if (!runner.busy) return null;
  return (
    <Button
      data-testid="stop-button"
      variant={variant}
      onClick={() => void runner.stop()}
      aria-label="Stop the program"
      className={className}
    >
      <Square aria-hidden className="fill-current" />
      <span className={labelClassName}>Stop</span>
    </Button>
  );
}

/** The Ctrl/⌘ + Enter hint beside Run, for sighted keyboard users (Run itself carries aria-keyshortcuts). */
export function RunShortcutHint({ className }: { className?: string }) {
  const isMac = useIsMac();
  return (
    <span className={cn("hidden items-center gap-1 text-xs text-muted-foreground", className)} aria-hidden>
      <Kbd>{isMac ? "⌘" : "Ctrl"}</Kbd>
      <Kbd>⏎</Kbd>
    </span>
  );
}

/** Why the last run could not start or finish (a limit, a busy server, a lost connection), until dismissed. */
export function RunErrorAlert({ runner }: { runner: Runner }) {
  if (!runner.alert) return null;
  return (
    <Alert tone="danger" data-testid="run-error">
      <CircleAlert aria-hidden />
      <p className="flex-1">{runner.alert}</p>
      <button
        type="button"
        onClick={runner.dismissAlert}
        className="rounded text-xs font-medium text-danger-foreground/80 underline-offset-2 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
      >
        Dismiss
      </button>
    </Alert>
  );
}
