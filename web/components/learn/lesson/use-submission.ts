"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { readAnswer, readApiError, sleep } from "@/components/run/api";
import { AcceptedView } from "@/lib/executions/view";
import { SubmissionView, type Verdict } from "@/lib/learning/submission-view";

export type FinishedSubmission = SubmissionView & { status: Verdict };
/** "answer": Check my answer, every test; "examples": Run examples, the shown tests only, recording nothing. */
export type SubmitMode = "answer" | "examples";

export type SubmitState =
  | { phase: "idle" }
  // `status` is null while the POST itself is in flight.
  | { phase: "checking"; status: "queued" | "running" | null }
  | { phase: "finished"; submission: FinishedSubmission }
  | { phase: "failed"; message: string };

const SUBMIT_POLL_INTERVAL_MS = 300;
const GIVE_UP_MS = 120_000;

class SubmitError extends Error {}

/** A file of the answer as it is submitted: frozen at that moment, graded in a fresh sandbox. */
export type SubmittedFile = { path: string; content: string };

/**
 * Sends the answer's files (or main.py's code) to be graded and polls until the verdict. Polling stops on unmount
 * and on the next submit.
 */
export function useSubmission(
  exerciseId: string,
  onFinished?: (submission: FinishedSubmission, mode: SubmitMode) => void,
  /** The learner's file the exercise checks: main.py, or main.js in a JavaScript level. */
  file = "main.py",
) {
  const [state, setState] = useState<SubmitState>({ phase: "idle" });
  const [mode, setMode] = useState<SubmitMode>("answer");
  const controllerRef = useRef<AbortController | null>(null);
  const busyRef = useRef(false);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);
  useEffect(() => () => controllerRef.current?.abort(), []);

  const submit = useCallback(
    async (answer: string | SubmittedFile[], submitMode: SubmitMode = "answer") => {
      if (busyRef.current) return;
      busyRef.current = true;
      setMode(submitMode);
      const controller = new AbortController();
      controllerRef.current = controller;
      const { signal } = controller;
      setState({ phase: "checking", status: null });
      try {
        const files = typeof answer === "string" ? [{ path: file, content: answer }] : answer;
        const id = await create(exerciseId, files, submitMode, signal);
        const deadline = Date.now() + GIVE_UP_MS;
        for (let attempt = 0; ; attempt++) {
          if (attempt > 0) await sleep(SUBMIT_POLL_INTERVAL_MS, signal);
          if (Date.now() > deadline) {
            throw new SubmitError(
              "Checking is taking much longer than usual, so we stopped waiting. Please try again.",
            );
          }
          const submission = await poll(id, signal);
          if (signal.aborted) return;
          if (!submission) continue;
          if (isFinished(submission)) {
            setState({ phase: "finished", submission });
            onFinishedRef.current?.(submission, submitMode);
            return;
          }
          if (submission.status === "queued" || submission.status === "running") {
            setState({ phase: "checking", status: submission.status });
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        setState({
          phase: "failed",
          message:
            error instanceof SubmitError
              ? error.message
              : "Could not reach Codeyard to check your answer. Check your connection and try again.",
        });
      } finally {
        if (controllerRef.current === controller) busyRef.current = false;
      }
    },
    [exerciseId, file],
  );

  const checking = state.phase === "checking";
  return { state, submit, checking, mode };
}

function isFinished(submission: SubmissionView): submission is FinishedSubmission {
  return submission.status === "pass" || submission.status === "fail" || submission.status === "error";
}

async function create(
  exerciseId: string,
  files: SubmittedFile[],
  mode: SubmitMode,
  signal: AbortSignal,
): Promise<string> {
  const response = await fetch("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ exerciseId, files, ...(mode === "examples" ? { examples: true } : {}) }),
    signal,
  });
  if (!response.ok) throw await toSubmitError(response);
  const accepted = await readAnswer(response, AcceptedView);
  if (!accepted) {
    throw new SubmitError("The server took your answer but did not say how to follow it. Please try again.");
  }
  return accepted.id;
}

// null means "no answer this time, keep polling": one dropped request should not end the check.
async function poll(id: string, signal: AbortSignal): Promise<SubmissionView | null> {
  let response: Response;
  try {
    response = await fetch(`/api/submissions/${encodeURIComponent(id)}`, { cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  if (response.status === 429 || response.status >= 500) return null;
  if (!response.ok) throw await toSubmitError(response);
  const submission = await readAnswer(response, SubmissionView);
  if (!submission) throw new SubmitError("The server sent a result this page does not understand. Please try again.");
  return submission;
}

async function toSubmitError(response: Response): Promise<SubmitError> {
  return new SubmitError((await readApiError(response, "Your answer could not be checked")).message);
}
