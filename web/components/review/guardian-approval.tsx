"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

export function GuardianApproval({ token }: { token: string }) {
  const [state, setState] = useState<"idle" | "busy" | "done" | string>("idle");
  if (state === "done") {
    return (
      <p data-testid="guardian-approved" className="rounded-lg border border-success/40 bg-success/10 p-3">
        Thank you. Your child's review requests are now visible to approved reviewers.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <Button
        data-testid="guardian-approve"
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy");
          const response = await fetch("/api/guardian", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ token }),
          });
          const answer = (await response.json().catch(() => ({}))) as { error?: string };
          setState(response.ok ? "done" : (answer.error ?? "Something went wrong."));
        }}
      >
        Yes, I approve
      </Button>
      {state !== "idle" && state !== "busy" && (
        <p role="alert" className="text-sm text-danger">
          {state}
        </p>
      )}
    </div>
  );
}
