"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { Textarea } from "@/components/ui/textarea";
import { usePost } from "./use-post";

// Tab and Shift+Tab always leave the box (it never traps the keyboard); Ctrl/Cmd+Enter sends.
export function CommentBox({ requestId, lines, label }: { requestId: string; lines: number; label: string }) {
  const { post, busy, error } = usePost();
  const [body, setBody] = useState("");
  const [line, setLine] = useState("");
  const send = async () => {
    if (!body.trim() || busy) return;
    const ok = await post(`/api/reviews/${requestId}/comment`, { body, line: line ? Number(line) : null });
    if (ok) {
      setBody("");
      setLine("");
    }
  };
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor="comment" className="block text-sm font-medium">
        {label}
      </label>
      <Textarea
        id="comment"
        data-testid="comment-body"
        rows={4}
        maxLength={5000}
        value={body}
        aria-describedby="comment-help"
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      />
      <p id="comment-help" className="text-xs text-muted-foreground">
        Markdown works. <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd> sends; <Kbd>Tab</Kbd> moves on.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2 text-sm">
          About line
          <select
            data-testid="comment-line"
            value={line}
            onChange={(e) => setLine(e.target.value)}
            className="h-8 rounded-md border border-border bg-input px-2 text-sm"
          >
            <option value="">(whole code)</option>
            {Array.from({ length: lines }, (_, i) => String(i + 1)).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" data-testid="comment-send" disabled={busy || !body.trim()}>
          Send
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
    </form>
  );
}
