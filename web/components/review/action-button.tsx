"use client";

import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { usePost } from "./use-post";

type ActionButtonProps = {
  url: string;
  body?: unknown;
  label: string;
  /** Where to go after success; the page refreshes otherwise. */
  then?: string;
} & Pick<ComponentProps<typeof Button>, "variant" | "size" | "className"> & { testId?: string };

/** One click, one POST: claim, cancel, finish, report. The server's sentence shows on refusal. */
export function ActionButton({ url, body = {}, label, then, testId, ...button }: ActionButtonProps) {
  const { post, busy, error } = usePost();
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button {...button} data-testid={testId} disabled={busy} onClick={() => post(url, body, () => then)}>
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
