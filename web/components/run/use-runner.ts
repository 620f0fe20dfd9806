"use client";

import type { RunnerLanguage } from "@codeyard/runner/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { type RunState, useExecution } from "./use-execution";

/** What Run sends: the editor's code, or a workspace's files from an entry file (read after saving them). */
export type Program = string | { workspaceId: string; entry: string };

/**
 * Everything a page with a Run button shares: the run itself, its stdin, Ctrl/Cmd+Enter, the refusal
 * alert, and Run held back while a quota is used up. `getCode` reads the editor's current text, or names the workspace and entry file to run.
 */
export function useRunner(getCode: () => Program | Promise<Program>, language?: RunnerLanguage) {
  const { state, run, stop, clear, busy } = useExecution();
  const blocked = useQuotaBlock(state);
  const [stdin, setStdin] = useState("");
  const [ranWithStdin, setRanWithStdin] = useState(false);
  const [alertDismissed, setAlertDismissed] = useState(false);
  const outputRef = useRef<HTMLElement>(null);
  const getCodeRef = useRef(getCode);
  useEffect(() => {
    getCodeRef.current = getCode;
  }, [getCode]);

  const runCode = useCallback(async () => {
    if (blocked) return;
    setRanWithStdin(stdin.length > 0);
    setAlertDismissed(false);
    const program = await getCodeRef.current();
    void run(typeof program === "string" ? { code: program, stdin, language } : { ...program, stdin });
    // Stacked layout: the output sits below the editor, so bring it into view.
    if (window.matchMedia("(max-width: 1023px)").matches) {
      outputRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }, [run, stdin, blocked, language]);

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
