"use client";

import { useEffect, useState } from "react";
import type { RunState } from "@/components/playground/use-execution";

// After a 429, Run stays disabled until the limit resets (the server's Retry-After).
export function useQuotaBlock(state: RunState): boolean {
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    if (state.phase !== "failed" || !state.quota || !state.retryAfterSeconds) {
      setBlocked(false);
      return;
    }
    setBlocked(true);
    const timer = setTimeout(() => setBlocked(false), state.retryAfterSeconds * 1000);
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
