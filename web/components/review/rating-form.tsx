"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { usePost } from "./use-post";

const choices = [
  { value: "good", label: "Good: it helped me" },
  { value: "acceptable", label: "Acceptable" },
  { value: "problematic", label: "Problematic: something was wrong" },
] as const;

export function RatingForm({ requestId }: { requestId: string }) {
  const { post, busy, error } = usePost();
  const [rating, setRating] = useState<(typeof choices)[number]["value"] | "">("");
  const [block, setBlock] = useState(true);
  const [report, setReport] = useState("");
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!rating) return;
        const extra = rating === "problematic" ? { block, report } : {};
        void post(`/api/reviews/${requestId}/rate`, { rating, ...extra });
      }}
    >
      <fieldset className="space-y-1.5">
        <legend className="mb-1 font-medium">How was this review?</legend>
        {choices.map((c) => (
          <label key={c.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="rating"
              value={c.value}
              data-testid={`rating-${c.value}`}
              checked={rating === c.value}
              onChange={() => setRating(c.value)}
              className="accent-primary"
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      {rating === "problematic" && (
        <div className="space-y-2 rounded-lg border border-danger/40 bg-danger/5 p-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={block} onChange={(e) => setBlock(e.target.checked)} />
            Block this reviewer: they will never see my requests again
          </label>
          <label htmlFor="report" className="block">
            Tell a moderator what happened (optional)
          </label>
          <Textarea id="report" rows={3} maxLength={1000} value={report} onChange={(e) => setReport(e.target.value)} />
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <Button type="submit" data-testid="rate-submit" disabled={busy || !rating}>
        Send rating
      </Button>
    </form>
  );
}
