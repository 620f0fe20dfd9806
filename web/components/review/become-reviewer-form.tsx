"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { usePost } from "./use-post";

type Level = { id: string; title: string; groupTitle: string; eligible: boolean };

export function BecomeReviewerForm({ levels, chosen }: { levels: Level[]; chosen: string[] }) {
  const { post, busy, error } = usePost();
  const [picked, setPicked] = useState<string[]>(chosen);
  const [accepted, setAccepted] = useState(chosen.length > 0);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void post("/api/reviewers", { levels: picked, acceptCode: accepted });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="mb-2 font-medium">Levels you will review</legend>
        {levels
          .filter((l) => l.eligible)
          .map((l) => (
            <label key={l.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                data-testid={`level-${l.id}`}
                checked={picked.includes(l.id)}
                onChange={() => toggle(l.id)}
                className="size-4 accent-primary"
              />
              {l.title} <span className="text-muted-foreground">· {l.groupTitle}</span>
            </label>
          ))}
      </fieldset>
      <fieldset className="space-y-2 rounded-lg border border-border p-4 text-sm">
        <legend className="px-1 font-medium">Reviewer commitments</legend>
        <ul className="list-disc space-y-1 pl-5 text-muted-foreground">
          <li>I am kind and patient; I explain, I do not mock.</li>
          <li>I never ask for names, ages, addresses, photos or contact details, and never share mine.</li>
          <li>I keep the discussion about the code, and answer within a few days.</li>
        </ul>
        <label className="flex items-center gap-2 pt-2">
          <input
            type="checkbox"
            data-testid="accept-code"
            checked={accepted}
            onChange={(e) => setAccepted(e.target.checked)}
            className="size-4 accent-primary"
          />
          I accept these commitments
        </label>
      </fieldset>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <Button type="submit" data-testid="become-reviewer" disabled={busy || picked.length === 0 || !accepted}>
        {chosen.length ? "Save my levels" : "Become a reviewer"}
      </Button>
    </form>
  );
}
