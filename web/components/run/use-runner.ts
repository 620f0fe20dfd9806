"use client";

import { mainFile, type RunnerLanguage } from "@codeyard/runner/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { buildTranscript, type Segment } from "./transcript";
import { type LiveView, type RunState, useExecution } from "./use-execution";

/** What Run sends: the editor's code, or a workspace's files from an entry file (read after saving them). */
export type Program = string | { code: string; language: RunnerLanguage } | { workspaceId: string; entry: string };

/** An earlier run, kept above the current one in the output panel until Clear. */
export interface HistoryEntry {
  key: number;
  /** When it was started, and which file ran. */
  at: Date;
  entry: string;
  segments: Segment[];
}
const maxHistory = 20;

/**
 * Everything a page with a Run button shares: the run itself, its stdin, Ctrl/Cmd+Enter, the refusal
 * alert, and Run held back while a quota is used up. `getCode` reads the editor's current text, or names the workspace and entry file to run.
 */
export function useRunner(getCode: () => Program | Promise<Program>, language: RunnerLanguage = "python") {
  const defaultEntry = mainFile[language];
  const { state, live, run, stop, type, clear: clearRun, busy } = useExecution();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [current, setCurrent] = useState<{ at: Date; entry: string } | null>(null);
  const lastRef = useRef<{ state: RunState; live: LiveView | null; ranWithStdin: boolean; current: typeof current }>({
    state,
    live,
    ranWithStdin: false,
    current,
  });
  const blocked = useQuotaBlock(state);
  const [stdin, setStdin] = useState("");
  const [ranWithStdin, setRanWithStdin] = useState(false);
  const [alertDismissed, setAlertDismissed] = useState(false);
  const outputRef = useRef<HTMLElement>(null);
  const getCodeRef = useRef(getCode);
  useEffect(() => {
    getCodeRef.current = getCode;
  }, [getCode]);

  useEffect(() => {
    lastRef.current = { state, live, ranWithStdin, current };
  }, [state, live, ranWithStdin, current]);

  const runCode = useCallback(async () => {
    if (blocked || busy) return;
    // The run before this one moves up into the history, with its header.
    const last = lastRef.current;
    if (last.current && last.state.phase !== "idle") {
      const earlier = { ...last.current, segments: buildTranscript(last.state, last.ranWithStdin, last.live) };
      setHistory((entries) => [...entries, { key: earlier.at.getTime(), ...earlier }].slice(-maxHistory));
    }
    setRanWithStdin(stdin.length > 0);
    setAlertDismissed(false);
    const program = await getCodeRef.current();
    const entry =
      typeof program === "string" ? defaultEntry : "entry" in program ? program.entry : mainFile[program.language];
    setCurrent({ at: new Date(), entry });
    void run(typeof program === "string" ? { code: program, language, stdin } : { ...program, stdin });
    // Stacked layout: the output sits below the editor, so bring it into view.
    if (window.matchMedia("(max-width: 1023px)").matches) {
      outputRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [run, stdin, blocked, busy, defaultEntry, language]);

  const clear = useCallback(() => {
    if (busy) return;
    clearRun();
    setHistory([]);
    setCurrent(null);
  }, [busy, clearRun]);

  // Ctrl/Cmd+Enter anywhere on the page; inside the editor Monaco handles it and stops the event first.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      event.preventDefault();
      void runCode();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [runCode]);

  return {
    state,
    live,
    type,
    history,
    current,
    busy,
    blocked,
    runCode,
    stop,
    clear,
    stdin,
    setStdin,
    ranWithStdin,
    outputRef,
    alert: state.phase === "failed" && !alertDismissed ? state.message : null,
    dismissAlert: () => setAlertDismissed(true),
  };
}
export type Runner = ReturnType<typeof useRunner>;

/**
 * How long Run stays disabled after `state`: until a used-up quota resets. Too many outstanding runs holds
 * nothing back: the refused run has ended, and the next press is simply asked again.
 */
export function runBlockedForMs(state: RunState, now = Date.now()): number {
  if (state.phase !== "failed" || state.refusal?.limit !== "quota" || state.refusal.until === null) return 0;
  return Math.max(0, state.refusal.until - now);
}

function useQuotaBlock(state: RunState): boolean {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const wait = runBlockedForMs(state);
    setBlocked(wait > 0);
    if (wait <= 0) return;
    const timer = setTimeout(() => setBlocked(false), wait);
    return () => clearTimeout(timer);
  }, [state]);
  return blocked;
}

export function useIsMac() {
  const [isMac, setIsMac] = useState(false);
  useEffect(() => {
    setIsMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent));
  }, []);
  return isMac;
}
