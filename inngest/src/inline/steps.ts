// Inngest's step tools, in process: each step runs once per run and its JSON result is memoized under its id
// (a repeated id gets Inngest's ":n" suffix); a failed step retries with backoff or its RetryAfterError's delay.
import { durationToMs, NonRetriableError, RetryAfterError } from "inngest";
import type { Step } from "../durable";

export class RunCancelled extends Error {}

export interface StepRunState {
  cancelled: boolean;
  /** Aborted when the run is cancelled: sleeps and backoffs end at once. */
  signal: AbortSignal;
}

export interface StepOptions {
  retries: number;
  backoffMs: number;
  send: (events: Array<{ name: string; data: Record<string, unknown> }>) => Promise<string[]>;
}

function retryDelayMs(error: unknown, attempt: number, backoffMs: number): number {
  if (error instanceof RetryAfterError) {
    // Inngest keeps it as whole seconds, or an ISO date.
    const at = error.retryAfter;
    return Math.max(0, /^\d+$/.test(at) ? Number(at) * 1000 : Date.parse(at) - Date.now());
  }
  return backoffMs * 2 ** attempt;
}

function pause(ms: number, state: StepRunState): Promise<void> {
  return new Promise((resolve, reject) => {
    if (state.signal.aborted) return reject(new RunCancelled("run cancelled"));
    const timer = setTimeout(() => {
      state.signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RunCancelled("run cancelled"));
    };
    state.signal.addEventListener("abort", onAbort, { once: true });
  });
}

function idOf(idOrOptions: string | { id: string }): string {
  return typeof idOrOptions === "string" ? idOrOptions : idOrOptions.id;
}

export function createSteps(state: StepRunState, memo: Map<string, unknown>, options: StepOptions): Step {
  const seen = new Map<string, number>();
  /** Inngest's rule for a repeated id: the second use is "id:1", the third "id:2". */
  const uniqueId = (id: string) => {
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return n === 0 ? id : `${id}:${n}`;
  };
  const once = async <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    if (memo.has(id)) return memo.get(id) as T;
    for (let attempt = 0; ; attempt++) {
      if (state.cancelled) throw new RunCancelled(`run cancelled before step ${id}`);
      try {
        // Round-trip through JSON exactly as Inngest stores step output.
        const value = JSON.parse(JSON.stringify((await fn()) ?? null)) as T;
        memo.set(id, value);
        return value;
      } catch (error) {
        if (error instanceof NonRetriableError || attempt >= options.retries || state.cancelled) throw error;
        await pause(retryDelayMs(error, attempt, options.backoffMs), state);
      }
    }
  };

  const run = (idOrOptions: string | { id: string }, fn: () => unknown) =>
    once(uniqueId(idOf(idOrOptions)), async () => fn());
  return {
    // Inngest's `run` is generic over the callback and its Jsonify'd result; this implements it for callbacks
    // without extra inputs, which is all Codeyard's functions pass.
    run: run as Step["run"],
    async sleep(idOrOptions, time) {
      const id = uniqueId(idOf(idOrOptions));
      if (memo.has(id)) return;
      await pause(durationToMs(time), state);
      memo.set(id, null);
    },
    async sleepUntil(idOrOptions, time) {
      const id = uniqueId(idOf(idOrOptions));
      if (memo.has(id)) return;
      const at = time instanceof Date ? time.getTime() : new Date(String(time)).getTime();
      if (Number.isNaN(at)) throw new NonRetriableError(`sleepUntil ${id}: not a date: ${String(time)}`);
      await pause(Math.max(0, at - Date.now()), state);
      memo.set(id, null);
    },
    async sendEvent(idOrOptions, payload) {
      const events = (Array.isArray(payload) ? payload : [payload]).map((e) => ({
        name: e.name,
        data: (e.data ?? {}) as Record<string, unknown>,
      }));
      const ids = await once(uniqueId(idOf(idOrOptions)), () => options.send(events));
      return { ids };
    },
  };
}
