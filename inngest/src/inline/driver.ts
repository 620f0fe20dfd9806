// Drives Codeyard's Inngest functions in process when no Inngest server is configured (the embedded default
// for `pnpm start` and tests). It reads each function's own Inngest options and honours the ones Codeyard uses:
// retries, concurrency (per function or account-wide, keyed by `event.data.<field>` or a quoted constant),
// cancelOn (`data.<field>` matches), and the start and finish timeouts. Not durable: runs live in this process
// only (the requeue cron re-sends what a restart lost), and there is no dashboard.
import { randomUUID } from "node:crypto";
import { durationToMs } from "inngest";
import type { DurableFunction } from "../durable";
import { logger } from "../logger";
import { createSteps, RunCancelled } from "./steps";

export interface InlineDriverOptions {
  /** First retry delay; doubles per attempt. */
  backoffMs?: number;
}

type Event = { name: string; data: Record<string, unknown> };

interface Slot {
  /** Runs sharing this id share the limit. */
  id: string;
  limit: number;
}

interface Run {
  durable: DurableFunction;
  event: Event;
  slots: Slot[];
  cancelled: boolean;
  abort: AbortController;
  start: () => void;
  timers: NodeJS.Timeout[];
}

interface ConcurrencyOption {
  limit: number;
  key?: string;
  scope?: "fn" | "env" | "account";
}

function keyValue(expression: string | undefined, data: Record<string, unknown>): string {
  if (expression === undefined) return "";
  const field = /^event\.data\.(\w+)$/.exec(expression)?.[1];
  if (field) return String(data[field]);
  const constant = /^"([^"]*)"$/.exec(expression)?.[1];
  if (constant !== undefined) return constant;
  throw new Error(`the in-process driver cannot evaluate the concurrency key ${expression}`);
}

function slotsOf(durable: DurableFunction, data: Record<string, unknown>): Slot[] {
  const raw = durable.fn.opts.concurrency as number | ConcurrencyOption | ConcurrencyOption[] | undefined;
  const options: ConcurrencyOption[] =
    raw === undefined ? [] : typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  return options.map((o) => {
    const shared = o.scope === "account" || o.scope === "env";
    const owner = shared ? o.scope : durable.fn.id();
    return { id: `${owner}|${o.key ?? ""}|${keyValue(o.key, data)}`, limit: o.limit };
  });
}

function cancelField(match: string | undefined): string | undefined {
  if (match === undefined) return undefined;
  const field = /^data\.(\w+)$/.exec(match)?.[1];
  if (!field) throw new Error(`the in-process driver cannot evaluate the cancelOn match ${match}`);
  return field;
}

export function createInlineDriver(functions: DurableFunction[], options: InlineDriverOptions = {}) {
  const backoffMs = options.backoffMs ?? 500;
  const inFlight = new Set<Promise<unknown>>();
  const pending: Run[] = [];
  const active: Run[] = [];
  // Check what the driver cannot honour now, not when the first event arrives.
  for (const d of functions) {
    slotsOf(d, new Proxy({}, { get: () => "probe" }));
    for (const c of d.fn.opts.cancelOn ?? []) cancelField(c.match);
  }

  const fits = (run: Run) =>
    run.slots.every((slot) => active.filter((r) => r.slots.some((s) => s.id === slot.id)).length < slot.limit);

  function pump() {
    for (let i = 0; i < pending.length; ) {
      const run = pending[i] as Run;
      if (fits(run)) {
        pending.splice(i, 1);
        active.push(run);
        run.start();
      } else i++;
    }
  }

  function cancel(run: Run, why: string) {
    if (run.cancelled) return;
    run.cancelled = true;
    run.abort.abort(why);
    logger.info({ fn: run.durable.fn.id(), why }, "inline run cancelled");
    const index = pending.indexOf(run);
    if (index >= 0) {
      pending.splice(index, 1);
      run.start();
    }
  }

  /** Frees the run's concurrency slots and starts whatever now fits. */
  function release(run: Run) {
    for (const t of run.timers) clearTimeout(t);
    const index = active.indexOf(run);
    if (index >= 0) active.splice(index, 1);
    pump();
  }

  async function execute(run: Run) {
    for (const t of run.timers) clearTimeout(t);
    // Cancelled between taking its slot and starting (a matching event in the same tick): give the slot back.
    if (run.cancelled) return release(run);
    const { durable, event } = run;
    const finish = durable.fn.opts.timeouts?.finish;
    if (finish) run.timers.push(setTimeout(() => cancel(run, "finish timeout"), durationToMs(finish)).unref());
    const meta = { runId: randomUUID(), attempt: 0 };
    const retries = durable.fn.opts.retries ?? 3;
    const state = {
      get cancelled() {
        return run.cancelled;
      },
      signal: run.abort.signal,
    };
    try {
      return await durable.start(event, createSteps(state, new Map(), { retries, backoffMs, send: sendAll }), meta);
    } catch (error) {
      if (run.cancelled || error instanceof RunCancelled) return undefined;
      const err = error instanceof Error ? error : new Error(String(error));
      logger.warn({ fn: durable.fn.id(), runId: meta.runId, err }, "inline run failed; running onFailure");
      const failureSteps = createSteps(state, new Map(), { retries: 0, backoffMs, send: sendAll });
      await durable.fail?.(event, err, failureSteps, meta);
      return undefined;
    } finally {
      release(run);
    }
  }

  function cancelMatching(event: Event) {
    for (const run of [...pending, ...active]) {
      for (const c of run.durable.fn.opts.cancelOn ?? []) {
        const name = typeof c.event === "string" ? c.event : c.event.name;
        if (name !== event.name) continue;
        const field = cancelField(c.match);
        if (field === undefined || run.event.data[field] === event.data[field]) cancel(run, `cancelled by ${name}`);
      }
    }
  }

  /** Starts (or queues) every function the event triggers; throws at once if the event data is invalid. */
  function send(event: Event): void {
    const targets = functions.filter((d) => d.event === event.name);
    for (const d of targets) d.validate(event.data);
    cancelMatching(event);
    for (const durable of targets) {
      let started!: () => void;
      const gate = new Promise<void>((resolve) => {
        started = resolve;
      });
      const run: Run = {
        durable,
        event,
        slots: slotsOf(durable, event.data),
        cancelled: false,
        abort: new AbortController(),
        start: () => started(),
        timers: [],
      };
      const startTimeout = durable.fn.opts.timeouts?.start;
      if (startTimeout) {
        run.timers.push(setTimeout(() => cancel(run, "start timeout"), durationToMs(startTimeout)).unref());
      }
      const promise = gate
        .then(() => execute(run))
        .catch((error: unknown) => logger.error({ fn: durable.fn.id(), err: error }, "inline onFailure failed"));
      inFlight.add(promise);
      void promise.finally(() => inFlight.delete(promise));
      pending.push(run);
    }
    pump();
  }

  async function sendAll(events: Event[]): Promise<string[]> {
    for (const event of events) send(event);
    return events.map(() => randomUUID());
  }

  return {
    send,
    /** Waits for every run started so far (tests and graceful shutdown). */
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    /** Runs waiting for a slot, and runs under way. */
    stats: () => ({ pending: pending.length, active: active.length }),
    /** True while a run whose event data has this value in `field` waits or works in this process. */
    isLive: (field: string, value: string) =>
      [...pending, ...active].some((run) => !run.cancelled && run.event.data[field] === value),
  };
}

export type InlineDriver = ReturnType<typeof createInlineDriver>;
