"use client";

import type { RunnerLanguage, RunStatus } from "@codeyard/runner/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { AcceptedView, ExecutionView } from "@/lib/executions/view";
import { type ApiError, readAnswer, readApiError, sleep } from "./api";

export type FinishedExecution = ExecutionView & { status: RunStatus };

/** One file's code (the playground, a lesson), or a signed-in learner's workspace run from `entry`. */
export type RunInput =
  | { code: string; stdin: string; language?: RunnerLanguage }
  | { workspaceId: string; entry: string; stdin: string };

/** Why a run was refused (429): a used-up quota, which ends at a time, or too many runs still outstanding. */
type Refusal = { limit: "quota"; until: number | null } | { limit: "outstanding" };

export type RunState =
  | { phase: "idle" }
  // `execution` is null while the POST itself is in flight.
  | { phase: "queued"; execution: ExecutionView | null; notice?: string }
  | { phase: "running"; execution: ExecutionView }
  | { phase: "finished"; execution: FinishedExecution }
  | { phase: "failed"; message: string; refusal: Refusal | null };

const POLL_INTERVAL_MS = 200;
const POLL_GIVE_UP_MS = 60_000;

/** How often, and for at most how long each time, a busy server (503) is asked again before giving up. */
const BUSY_RETRIES = 3;
const BUSY_MAX_WAIT_S = 10;

function isFinished(execution: ExecutionView): execution is FinishedExecution {
  return execution.status !== "queued" && execution.status !== "running";
}

class RequestError extends Error {
  constructor(
    message: string,
    readonly answer: ApiError | null = null,
  ) {
    super(message);
  }
}

/** Submits code and polls until the run reaches a final status. Polling stops on unmount and on the next run. */
export function useExecution() {
  const [state, setState] = useState<RunState>({ phase: "idle" });
  const controllerRef = useRef<AbortController | null>(null);
  // A ref, not state: Ctrl+Enter can fire twice before React re-renders the disabled button.
  const busyRef = useRef(false);
  const executionIdRef = useRef<string | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const run = useCallback(async (input: RunInput) => {
    if (busyRef.current) return;
    busyRef.current = true;
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    const { signal } = controller;
    setState({ phase: "queued", execution: null });
    executionIdRef.current = null;

    try {
      const id = await submitPolitely(input, signal, (notice) =>
        setState({ phase: "queued", execution: null, notice }),
      );
      executionIdRef.current = id;
      const deadline = Date.now() + POLL_GIVE_UP_MS;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) await sleep(POLL_INTERVAL_MS, signal);
        if (Date.now() > deadline) {
          throw new RequestError(
            `No result after ${POLL_GIVE_UP_MS / 1000} s, so we stopped waiting. The playground may be very busy: please try again in a moment.`,
          );
        }
        const execution = await poll(id, signal);
        if (signal.aborted) return;
        if (!execution) continue;
        if (isFinished(execution)) {
          setState({ phase: "finished", execution });
          return;
        }
        setState(execution.status === "running" ? { phase: "running", execution } : { phase: "queued", execution });
      }
    } catch (error) {
      if (signal.aborted) return;
      setState(
        error instanceof RequestError
          ? { phase: "failed", message: error.message, refusal: toRefusal(error.answer) }
          : {
              phase: "failed",
              message: "Could not reach the playground server. Check your connection and try again.",
              refusal: null,
            },
      );
    } finally {
      if (controllerRef.current === controller) busyRef.current = false;
    }
  }, []);

  // Asks the server to stop the run; polling then sees its final `cancelled` status.
  const stop = useCallback(async () => {
    const id = executionIdRef.current;
    if (!id) {
      controllerRef.current?.abort();
      busyRef.current = false;
      setState({ phase: "idle" });
      return;
    }
    await fetch(`/api/executions/${encodeURIComponent(id)}/cancel`, { method: "POST" }).catch(() => undefined);
  }, []);

  const clear = useCallback(() => {
    if (!busyRef.current) setState({ phase: "idle" });
  }, []);

  const busy = state.phase === "queued" || state.phase === "running";
  return { state, run, stop, clear, busy };
}

export function toRefusal(answer: ApiError | null): Refusal | null {
  if (answer?.status !== 429) return null;
  return answer.limit === "outstanding" ? { limit: "outstanding" } : { limit: "quota", until: answer.blockedUntil };
}

// A 503 means "busy, come back shortly": wait as the server asks (capped) and try again a few times.
async function submitPolitely(input: RunInput, signal: AbortSignal, notify: (notice: string) => void) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await submit(input, signal);
    } catch (error) {
      if (!(error instanceof RequestError) || error.answer?.status !== 503 || attempt >= BUSY_RETRIES) throw error;
      const wait = Math.min(Math.max(error.answer.retryAfterSeconds ?? 2, 1), BUSY_MAX_WAIT_S);
      notify(`Codeyard is busy right now; trying again in ${wait} s…`);
      await sleep(wait * 1000, signal);
    }
  }
}

async function submit(input: RunInput, signal: AbortSignal): Promise<string> {
  const { stdin, ...program } = input;
  const response = await fetch("/api/executions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...("code" in program ? { language: "python" } : {}),
      ...program,
      ...(stdin ? { stdin } : {}),
    }),
    signal,
  });
  if (!response.ok) throw await toRequestError(response);
  const accepted = await readAnswer(response, AcceptedView);
  if (!accepted)
    throw new RequestError("The server accepted the run but did not say which one it was. Please try again.");
  return accepted.id;
}

// null means "no answer this time, keep polling": a dropped request or a busy server should not end the run.
async function poll(id: string, signal: AbortSignal): Promise<ExecutionView | null> {
  let response: Response;
  try {
    response = await fetch(`/api/executions/${encodeURIComponent(id)}`, { cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
  if (response.status === 429 || response.status >= 500) return null;
  if (!response.ok) throw await toRequestError(response);
  const execution = await readAnswer(response, ExecutionView);
  if (!execution) throw new RequestError("The server sent a result this page does not understand. Please try again.");
  return execution;
}

async function toRequestError(response: Response): Promise<RequestError> {
  const answer = await readApiError(response, "The server turned this run down");
  return new RequestError(answer.message, answer);
}
