"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type SaveState = "idle" | "saving" | "saved" | "error";

const DRAFT_DEBOUNCE_MS = 800;
const RETRY_MS = 5_000;

type DraftAutosaveOptions = {
  exerciseId: string;
  /** Signed-out visitors have nowhere to save to: every call is then a no-op. */
  enabled: boolean;
  /** What the server holds now: the draft, or the starter when there is none (the two mean the same). */
  initialCode: string;
  hadDraft: boolean;
};

/**
 * Saves the editor's content with PUT /api/drafts, at most one request at a time, ~800 ms after typing stops.
 * Unsaved text is sent with `keepalive` when the page goes away, so closing the tab right after typing loses nothing.
 */
export function useDraftAutosave({ exerciseId, enabled, initialCode, hadDraft }: DraftAutosaveOptions) {
  const [saveState, setSaveState] = useState<SaveState>(hadDraft ? "saved" : "idle");
  const latestRef = useRef(initialCode);
  const persistedRef = useRef(initialCode);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflightRef = useRef<Promise<void> | null>(null);

  const flush = useCallback(async (): Promise<void> => {
    clearTimer(timerRef);
    if (!enabled) return;
    while (inflightRef.current) await inflightRef.current;
    const code = latestRef.current;
    if (code === persistedRef.current) {
      setSaveState((s) => (s === "saving" ? "saved" : s));
      return;
    }
    setSaveState("saving");
    const request = (async () => {
      try {
        const response = await fetch("/api/drafts", {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ exerciseId, code }),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        persistedRef.current = code;
        setSaveState(latestRef.current === code ? "saved" : "saving");
      } catch {
        setSaveState("error");
        timerRef.current = setTimeout(() => void flush(), RETRY_MS);
      }
    })();
    inflightRef.current = request;
    await request;
    inflightRef.current = null;
    // Typing went on while this one was in flight: save that too, without waiting for another keystroke.
    if (latestRef.current !== persistedRef.current && !timerRef.current) {
      timerRef.current = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
    }
  }, [enabled, exerciseId]);

  const schedule = useCallback(
    (code: string) => {
      latestRef.current = code;
      if (!enabled) return;
      clearTimer(timerRef);
      if (code === persistedRef.current && !inflightRef.current) {
        setSaveState((s) => (s === "saving" ? "saved" : s));
        return;
      }
      setSaveState("saving");
      timerRef.current = setTimeout(() => void flush(), DRAFT_DEBOUNCE_MS);
    },
    [enabled, flush],
  );

  /** Forgets the server's draft (DELETE). Afterwards the server's state is `starter`, whatever the request's fate. */
  const discard = useCallback(
    async (starter: string) => {
      latestRef.current = starter;
      clearTimer(timerRef);
      if (!enabled) return;
      while (inflightRef.current) await inflightRef.current;
      try {
        const response = await fetch(`/api/drafts?exerciseId=${encodeURIComponent(exerciseId)}`, {
          method: "DELETE",
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        persistedRef.current = starter;
        setSaveState("idle");
      } catch {
        // Overwriting the draft with the starter comes to the same thing.
        void flush();
      }
    },
    [enabled, exerciseId, flush],
  );

  // Leaving the page (or this lesson) with unsaved typing: one last save the browser finishes on its own.
  useEffect(() => {
    if (!enabled) return;
    const sendNow = () => {
      if (latestRef.current === persistedRef.current) return;
      clearTimer(timerRef);
      const code = latestRef.current;
      persistedRef.current = code;
      void fetch("/api/drafts", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ exerciseId, code }),
        keepalive: true,
      }).catch(() => undefined);
    };
    window.addEventListener("pagehide", sendNow);
    return () => {
      window.removeEventListener("pagehide", sendNow);
      sendNow();
    };
  }, [enabled, exerciseId]);

  return { saveState, schedule, flush, discard };
}

function clearTimer(timer: { current: ReturnType<typeof setTimeout> | null }) {
  if (timer.current) clearTimeout(timer.current);
  timer.current = null;
}
