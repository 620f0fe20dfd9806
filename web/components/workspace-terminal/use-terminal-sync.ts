"use client";

import { useCallback, useEffect, useRef } from "react";
import type { EntryView } from "@/lib/workspaces/view";

type SyncAnswer = { sandbox: false } | { sandbox: true; pulled: string[]; entries?: EntryView[] };

/** How often the page asks for the terminal's changes while it is open: a file written there shows within 2 s. */
const everyMs = 1_000;

/**
 * Keeps the terminal's /workspace and the saved workspace in step (POST /api/terminal/sync) while `active`.
 * `syncNow` runs a round at once (after the editor saved, before a command runs); rounds never overlap. The
 * server keeps the merge base, and saves the sandbox's files every 15 s by itself once the page has gone.
 */
export function useTerminalSync(input: {
  workspaceId: string;
  active: boolean;
  onPulled: (pulled: string[], entries: EntryView[] | undefined) => void;
}) {
  const { workspaceId, active } = input;
  const onPulled = useRef(input.onPulled);
  onPulled.current = input.onPulled;
  const running = useRef<Promise<void> | null>(null);
  /** No round has finished since the terminal (re)connected: the sandbox may not hold the saved files yet. */
  const unsynced = useRef(true);

  const round = useCallback(async () => {
    const response = await fetch("/api/terminal/sync", {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workspaceId }),
    }).catch(() => null);
    if (!response?.ok) return;
    const answer = (await response.json()) as SyncAnswer;
    if (!answer.sandbox) return;
    unsynced.current = false;
    if (answer.pulled.length > 0) onPulled.current(answer.pulled, answer.entries);
  }, [workspaceId]);

  const syncNow = useCallback(async () => {
    // One round at a time; a call during a round waits for it and then runs its own.
    while (running.current) await running.current;
    const work = round().finally(() => {
      running.current = null;
    });
    running.current = work;
    await work;
  }, [round]);

  useEffect(() => {
    unsynced.current = true;
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      if (stopped) return;
      if (!running.current) await syncNow().catch(() => {});
      if (!stopped) timer = setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active, syncNow]);

  return { syncNow, needsSync: () => unsynced.current };
}
