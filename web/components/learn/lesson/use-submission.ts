"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { isRecord, readApiError, sleep } from "@/components/playground/api-errors";

// Wire types of POST /api/submissions and GET /api/submissions/:id, as the browser sees them.
export type TestResult = { name: string; status: "pass" | "fail" | "error"; message?: string; output?: string };
export type SubmissionResult = {
  version: 3;
  status: "pass" | "fail" | "error";
  message?: string;
  tests: TestResult[];
};
type Verdict = "pass" | "fail" | "error";
export type Submission = {
  id: string;
  exerciseId: string;
  status: "queued" | "running" | Verdict;
  result: SubmissionResult | null;
};
export type FinishedSubmission = Submission & { status: Verdict };

export type SubmitState =
  | { phase: "idle" }
  // `status` is null while the POST itself is in flight.
  | { phase: "checking"; status: "queued" | "running" | null }
  | { phase: "finished"; submission: FinishedSubmission }
  | { phase: "failed"; message: string; retryAfterSeconds: number | null };

export const SUBMIT_POLL_INTERVAL_MS = 300;
const GIVE_UP_MS = 120_000;

class SubmitError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Sends main.py to be graded and polls until the verdict. Polling stops on unmount and on the next submit. */
export function useSubmission(exerciseId: string, onFinished?: (submission: FinishedSubmission) => void) {
  const [state, setState] = useState<SubmitState>({ phase: "idle" });
  const controllerRef = useRef<AbortController | null>(null);
  const busyRef = useRef(false);
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  }, [onFinished]);
  useEffect(() => () => controllerRef.current?.abort(), []);

  const submit = useCallback(
    async (code: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      const controller = new AbortController();
      controllerRef.current = controller;
      const { signal } = controller;
      setState({ phase: "checking", status: null });
      try {
        const id = await create(exerciseId, code, signal);
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
            onFinishedRef.current?.(submission);
            return;
          }
          setState({ phase: "checking", status: submission.status as "queued" | "running" });
        }
      } catch (error) {
        if (signal.aborted) return;
        setState({
          phase: "failed",
          message:
            error instanceof SubmitError
              ? error.message
              : "Could not reach Codeyard to check your answer. Check your connection and try again.",
          retryAfterSeconds: error instanceof SubmitError ? error.retryAfterSeconds : null,
        });
      } finally {
        if (controllerRef.current === controller) busyRef.current = false;
      }
    },
    [exerciseId],
  );

  const checking = state.phase === "checking";
  return { state, submit, checking };
}

function isFinished(submission: Submission): submission is FinishedSubmission {
  return submission.status === "pass" || submission.status === "fail" || submission.status === "error";
}

async function create(exerciseId: string, code: string, signal: AbortSignal): Promise<string> {
  const response = await fetch("/api/submissions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ exerciseId, files: [{ path: "main.py", content: code }] }),
    signal,
  });
  if (!response.ok) throw await toSubmitError(response);
  const body: unknown = await response.json().catch(() => null);
  if (!isRecord(body) || typeof body.id !== "string") {
    throw new SubmitError("The server took your answer but did not say how to follow it. Please try again.");
  }
  return body.id;
}

// null means "no answer this time, keep polling": one dropped request should not end the check.
async function poll(id: string, signal: AbortSignal): Promise<Submission | null> {
  let response: Response;
  try {
    response = await fetch(`/api/submissions/${encodeURIComponent(id)}`, { cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  if (response.status === 429 || response.status >= 500) return null;
  if (!response.ok) throw await toSubmitError(response);
  const submission = parseSubmission(await response.json().catch(() => null));
  if (!submission) throw new SubmitError("The server sent a result this page does not understand. Please try again.");
  return submission;
}

async function toSubmitError(response: Response): Promise<SubmitError> {
  const error = await readApiError(response, "Your answer could not be checked");
  return new SubmitError(error.message, error.retryAfterSeconds);
}

const STATUSES = ["queued", "running", "pass", "fail", "error"] as const;
const VERDICTS = ["pass", "fail", "error"] as const;

function parseSubmission(body: unknown): Submission | null {
  if (!isRecord(body) || typeof body.id !== "string") return null;
  const status = STATUSES.find((s) => s === body.status);
  if (!status) return null;
  return {
    id: body.id,
    exerciseId: typeof body.exerciseId === "string" ? body.exerciseId : "",
    status,
    result: parseResult(body.result),
  };
}

function parseResult(value: unknown): SubmissionResult | null {
  if (!isRecord(value)) return null;
  const status = VERDICTS.find((s) => s === value.status);
  if (!status) return null;
  const tests = Array.isArray(value.tests) ? value.tests.flatMap((t) => parseTest(t) ?? []) : [];
  return { version: 3, status, ...optionalString("message", value.message), tests };
}

function parseTest(value: unknown): TestResult | null {
  if (!isRecord(value)) return null;
  const status = VERDICTS.find((s) => s === value.status);
  if (!status) return null;
  return {
    name: typeof value.name === "string" && value.name ? value.name : "Test",
    status,
    ...optionalString("message", value.message),
    ...optionalString("output", value.output),
  };
}

function optionalString<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === "string" ? ({ [key]: value } as Record<K, string>) : {};
}
