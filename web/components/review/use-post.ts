"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** POSTs JSON to a review endpoint; on success refreshes the page (or goes to `then`), else keeps the error. */
export function usePost() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function post(url: string, body: unknown, then?: (answer: Record<string, unknown>) => string | undefined) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      if (!response.ok) {
        setError(typeof answer.error === "string" ? answer.error : `Something went wrong (${response.status}).`);
        return false;
      }
      const next = then?.(answer);
      if (next) router.push(next);
      else router.refresh();
      return true;
    } catch {
      setError("Codeyard could not be reached. Please try again.");
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { post, busy, error };
}
