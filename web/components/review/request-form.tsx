"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { usePost } from "./use-post";

export function RequestForm({ exerciseId, askGuardian }: { exerciseId: string; askGuardian: boolean }) {
  const { post, busy, error } = usePost();
  const [question, setQuestion] = useState("");
  const [guardianEmail, setGuardianEmail] = useState("");
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void post(
          "/api/reviews",
          { exerciseId, question, ...(askGuardian ? { guardianEmail } : {}) },
          (answer) => `/reviews/${String(answer.id)}`,
        );
      }}
    >
      <label htmlFor="question" className="block font-medium">
        How can a reviewer help you with this solution?
      </label>
      <Textarea
        id="question"
        data-testid="review-question"
        required
        minLength={10}
        maxLength={2000}
        rows={5}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        placeholder="For example: is there a shorter way to write my loop?"
      />
      <p className="text-xs text-muted-foreground">Markdown works. {2000 - question.length} characters left.</p>
      {askGuardian && (
        <div className="space-y-1">
          <label htmlFor="guardian" className="block text-sm font-medium">
            A grown-up's email address
          </label>
          <input
            id="guardian"
            type="email"
            required
            data-testid="guardian-email"
            value={guardianEmail}
            onChange={(e) => setGuardianEmail(e.target.value)}
            className="h-9 w-full rounded-md border border-border bg-input px-3 text-sm"
          />
          <p className="text-xs text-muted-foreground">
            We send them a link to say yes. Reviewers never see this address or your name.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <Button type="submit" data-testid="request-review" disabled={busy}>
        Request review
      </Button>
    </form>
  );
}
