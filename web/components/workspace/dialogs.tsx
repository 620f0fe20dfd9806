"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";

type DialogProps = {
  open: boolean;
  title: string;
  description: ReactNode;
  testId: string;
  onClose: () => void;
  /** False for a choice that must be made: Escape then does nothing. */
  dismissable?: boolean;
  children: ReactNode;
};

// A native modal <dialog>: the browser traps focus, closes on Escape and returns focus to the opener.
function Dialog({ open, title, description, testId, onClose, dismissable = true, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onClose={onClose}
      onCancel={(event) => {
        if (!dismissable) event.preventDefault();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-border bg-card p-0 text-foreground shadow-2xl shadow-black/50 backdrop:bg-black/60 backdrop:backdrop-blur-sm"
    >
      <div className="space-y-4 p-5">
        <div className="space-y-1">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <p id={descriptionId} className="text-sm text-muted-foreground">
            {description}
          </p>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>
      </div>
    </dialog>
  );
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  description: ReactNode;
  confirm: string;
  testId: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      description={props.description}
      testId={props.testId}
      onClose={props.onCancel}
    >
      <Button variant="secondary" onClick={props.onCancel} autoFocus>
        Cancel
      </Button>
      <Button
        data-testid={`${props.testId}-confirm`}
        onClick={props.onConfirm}
        className="bg-warning text-[#1a1300] shadow-none hover:bg-warning-foreground"
      >
        {props.confirm}
      </Button>
    </Dialog>
  );
}

/** Shown when a save finds the file saved from elsewhere (another tab or browser) since it was opened. */
export function ConflictDialog(props: { path: string | null; onChoose: (choice: "overwrite" | "reload") => void }) {
  return (
    <Dialog
      open={props.path !== null}
      testId="conflict-dialog"
      title={`${props.path ?? "This file"} changed since you opened it`}
      description="It was saved from another tab or browser. Keep your version and overwrite the saved one, or reload the saved one and lose your last changes here?"
      onClose={() => undefined}
      dismissable={false}
    >
      <Button variant="secondary" data-testid="conflict-reload" onClick={() => props.onChoose("reload")}>
        Reload saved version
      </Button>
      <Button data-testid="conflict-overwrite" onClick={() => props.onChoose("overwrite")} autoFocus>
        Overwrite with mine
      </Button>
    </Dialog>
  );
}
