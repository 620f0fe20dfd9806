"use client";

import type { RunnerLanguage, RunStatus } from "@codeyard/runner/contract";
import { useCallback, useEffect, useRef, useState } from "react";
import { AcceptedView, ExecutionView } from "@/lib/executions/view";
import { type ApiError, readAnswer, readApiError, sleep } from "./api";
import { LiveSocket } from "./live-socket";

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
  // `execution` is null when the live view said the run started before a poll did.
  | { phase: "running"; execution: ExecutionView | null }
  | { phase: "finished"; execution: FinishedExecution }
  | { phase: "failed"; message: string; refusal: Refusal | null };

/** What the live socket showed of the current run; the record (polled) stays the source of truth. */
export type LiveChunk = { kind: "stdout" | "stderr" | "input"; text: string };
export interface LiveView {
  chunks: LiveChunk[];
  /** The line being typed (echoed, sent on Enter). */
  typing: string;
  /** The program's stdin is open for typing. */
  interactive: boolean;
  /** The run's wall limit and when it started (client clock), for the countdown. */
  wallMs: number | null;
  startedAt: number | null;
  /** Every chunk arrived: the live copy (with the typed input) may stand for the record's output. */
  whole: boolean;
  ended: boolean;
}

const POLL_INTERVAL_MS = 200;
/** With a live socket, polling is only the fallback and the final record. */
const LIVE_POLL_INTERVAL_MS = 1_000;
const POLL_GIVE_UP_MS = 60_000;
// Inngest gives a run 2 min to start; the runner then waits for a warm sandbox (2 min on a crowded host).
const LIVE_GIVE_UP_MS = 270_000;

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

const emptyLive = (): LiveView => ({
  chunks: [],
  typing: "",
  interactive: false,
  wallMs: null,
  startedAt: null,
  whole: true,
  ended: false,
});

function appendChunk(chunks: LiveChunk[], kind: LiveChunk["kind"], text: string): LiveChunk[] {
  const last = chunks.at(-1);
  if (last?.kind === kind) return [...chunks.slice(0, -1), { kind, text: last.text + text }];
  return [...chunks, { kind, text }];
}

/**
 * Submits code, watches it live over the runner's socket when the server allows it, and polls until the run
 * reaches a final status. Everything stops on unmount and on the next run.
 */
export function useExecution() {
  const [state, setState] = useState<RunState>({ phase: "idle" });
  const [live, setLive] = useState<LiveView | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  // A ref, not state: Ctrl+Enter can fire twice before React re-renders the disabled button.
  const busyRef = useRef(false);
  const executionIdRef = useRef<string | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);
  const liveRef = useRef<LiveView | null>(null);
  const typingRef = useRef("");

  const updateLive = useCallback((change: (view: LiveView) => LiveView) => {
    const next = liveRef.current ? change(liveRef.current) : null;
    liveRef.current = next;
    setLive(next);
  }, []);

  useEffect(
    () => () => {
      controllerRef.current?.abort();
      socketRef.current?.close();
    },
    [],
  );

  const run = useCallback(
    async (input: RunInput) => {
      if (busyRef.current) return;
      busyRef.current = true;
      controllerRef.current?.abort();
      socketRef.current?.close();
      socketRef.current = null;
      liveRef.current = null;
      typingRef.current = "";
      setLive(null);
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
        const submittedAt = Date.now();
        let deadline = submittedAt + POLL_GIVE_UP_MS;
        let started = false;
        let wake: (() => void) | null = null;
        liveRef.current = emptyLive();
        setLive(liveRef.current);
        const socket = await LiveSocket.open(id, {
          onStart: ({ interactive, wallMs }) => {
            started = true;
            // A program waiting for typed input may run up to its (longer) wall limit.
            deadline = Math.max(deadline, Date.now() + wallMs + 30_000);
            updateLive((view) => ({ ...view, interactive, wallMs, startedAt: Date.now() }));
            setState((current) =>
              current.phase === "queued" ? { phase: "running", execution: current.execution } : current,
            );
          },
          onOutput: (stream, data) =>
            updateLive((view) => ({ ...view, chunks: appendChunk(view.chunks, stream, data) })),
          onGap: () => updateLive((view) => ({ ...view, whole: false })),
          onEnd: () => {
            updateLive((view) => ({ ...view, ended: true, interactive: false, typing: "" }));
            wake?.();
          },
        });
        if (signal.aborted) {
          socket?.close();
          return;
        }
        socketRef.current = socket;
        // A live run sits in the durable queue while the socket waits: give a busy machine longer.
        if (socket) deadline = Math.max(deadline, submittedAt + LIVE_GIVE_UP_MS);
        if (!socket) {
          liveRef.current = null;
          setLive(null);
        }
        for (let attempt = 0; ; attempt++) {
          if (attempt > 0) {
            await Promise.race([
              sleep(socket ? LIVE_POLL_INTERVAL_MS : POLL_INTERVAL_MS, signal),
              new Promise<void>((resolve) => {
                wake = resolve;
              }),
            ]);
          }
          if (Date.now() > deadline) {
            throw new RequestError(
              `No result after ${Math.round((Date.now() - submittedAt) / 1000)} s, so we stopped waiting. The playground may be very busy: please try again in a moment.`,
            );
          }
          const execution = await poll(id, signal);
          if (signal.aborted) return;
          if (!execution) continue;
          if (isFinished(execution)) {
            setState({ phase: "finished", execution });
            return;
          }
          // With a live view, "running" means the program reached a sandbox (its start frame); the record says
          // running as soon as the function took it, which may still be waiting for a sandbox.
          const running = socket ? started : execution.status === "running";
          setState(running ? { phase: "running", execution } : { phase: "queued", execution });
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
    },
    [updateLive],
  );

  // Asks the server to stop the run (the durable path), and the live socket too: it ends within a second.
  const stop = useCallback(async () => {
    const id = executionIdRef.current;
    if (!id) {
      controllerRef.current?.abort();
      busyRef.current = false;
      setState({ phase: "idle" });
      return;
    }
    socketRef.current?.send({ type: "kill" });
    await fetch(`/api/executions/${encodeURIComponent(id)}/cancel`, { method: "POST" }).catch(() => undefined);
  }, []);

  /** Keys typed into the output panel while the program reads input: echo, Backspace, Enter, Ctrl+C, Ctrl+D. */
  const type = useCallback(
    (data: string) => {
      const socket = socketRef.current;
      const view = liveRef.current;
      if (!socket || !view?.interactive || view.ended) return;
      if (data.startsWith("\x1b")) return; // arrows and other escape sequences: not part of a line
      let typing = typingRef.current;
      let chunks = view.chunks;
      for (const ch of data) {
        if (ch === "\x03") {
          void stop();
          return;
        }
        if (ch === "\x04") {
          if (!typing) socket.send({ type: "eof" });
        } else if (ch === "\r" || ch === "\n") {
          socket.send({ type: "input", data: `${typing}\n` });
          chunks = appendChunk(chunks, "input", `${typing}\n`);
          typing = "";
        } else if (ch === "\x7f" || ch === "\b") {
          typing = Array.from(typing).slice(0, -1).join("");
        } else if (ch >= " ") {
          typing += ch;
        }
      }
      typingRef.current = typing;
      updateLive((current) => ({ ...current, typing, chunks }));
    },
    [stop, updateLive],
  );

  const clear = useCallback(() => {
    if (busyRef.current) return;
    setState({ phase: "idle" });
    liveRef.current = null;
    setLive(null);
  }, []);

  const busy = state.phase === "queued" || state.phase === "running";
  return { state, live, run, stop, type, clear, busy };
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
      ...program,
      ...("code" in program ? { language: program.language ?? "python" } : {}),
      // Without fixed input the learner types it into the output panel, if the server has live output on.
      ...(stdin ? { stdin } : { interactive: true }),
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
