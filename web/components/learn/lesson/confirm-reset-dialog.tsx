"use client";

import { LoaderCircle, RotateCcw } from "lucide-react";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";

type ConfirmResetDialogProps = {
  open: boolean;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
};

// A native modal <dialog>: the browser traps focus, closes on Escape and returns focus to the opener.
export function ConfirmResetDialog({ open, pending, onCancel, onConfirm }: ConfirmResetDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      data-testid="reset-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onCancel}
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl border border-border bg-card p-0 text-foreground shadow-2xl shadow-black/50 backdrop:bg-black/60 backdrop:backdrop-blur-sm"
    >
      <div className="space-y-4 p-5">
        <div className="flex items-start gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-warning/15 text-warning">
            <RotateCcw aria-hidden className="size-5" />
          </span>
          <div className="space-y-1">
            <h2 id={titleId} className="text-base font-semibold">
              Start this exercise again?
            </h2>
            <p id={descriptionId} className="text-sm text-muted-foreground">
              Your code for this exercise will be swapped for the starter code, and your saved copy is deleted.
            </p>
          </div>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onCancel} disabled={pending} autoFocus>
            Keep my code
          </Button>
          <Button
            data-testid="confirm-reset"
            onClick={onConfirm}
            disabled={pending}
            className="bg-warning text-[#1a1300] shadow-none hover:bg-warning-foreground"
          >
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <RotateCcw aria-hidden />}
            Reset to starter
          </Button>
        </div>
      </div>
    </dialog>
  );
}
