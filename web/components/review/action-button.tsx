"use client";

import { type ComponentProps, useState } from "react";
import { Button } from "@/components/ui/button";
import { usePost } from "./use-post";

type ActionButtonProps = {
  url: string;
  body?: unknown;
  label: string;
  /** Where to go after success; the page refreshes otherwise. */
  then?: string;
  /** Shown instead of the button once the action succeeded (e.g. "Reported"). */
  doneLabel?: string;
} & Pick<ComponentProps<typeof Button>, "variant" | "size" | "className"> & { testId?: string };

/** One click, one POST: claim, cancel, finish, report. The server's sentence shows on refusal. */
export function ActionButton({ url, body = {}, label, then, doneLabel, testId, ...button }: ActionButtonProps) {
  const { post, busy, error } = usePost();
  const [done, setDone] = useState(false);
  if (done && doneLabel) {
    return (
      <span role="status" data-testid={testId && `${testId}-done`} className="text-xs text-muted-foreground">
        {doneLabel}
      </span>
    );
  }
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        {...button}
        data-testid={testId}
        disabled={busy}
        onClick={async () => setDone(await post(url, body, () => then))}
      >
        {label}
      </Button>
      {error && (
        <span role="alert" className="text-xs text-danger">
          {error}
        </span>
      )}
    </span>
  );
}
