// The runner's Prometheus metrics (GET /metrics): what an operator alerts on. One registry per process.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export const metricsRegistry = new Registry();

/** Time from `docker create` to a sandbox ready to run (its runtime up; heavy modules are preloaded later), by language. */
export const sandboxStartSeconds = new Histogram({
  name: "codeyard_runner_sandbox_start_seconds",
  help: "Time to create and warm one sandbox container.",
  labelNames: ["language"],
  buckets: [0.25, 0.5, 1, 2, 4, 8, 16, 32],
  registers: [metricsRegistry],
});

/** Failures on the runner's side: internal_error runs, sandboxes that failed to start, gradings that failed. */
export const runnerErrors = new Counter({
  name: "codeyard_runner_errors_total",
  help: "Failures on the runner's side, by kind.",
  labelNames: ["kind"],
  registers: [metricsRegistry],
});

/** Work refused because the runner was full (429) or draining (503). */
export const runnerRefusals = new Counter({
  name: "codeyard_runner_refusals_total",
  help: "Runs and gradings refused, by reason (busy, draining).",
  labelNames: ["reason"],
  registers: [metricsRegistry],
});

export const runnerFinished = new Counter({
  name: "codeyard_runner_finished_total",
  help: "Runs and gradings finished, by kind.",
  labelNames: ["kind"],
  registers: [metricsRegistry],
});

export interface RunnerGauges {
  runsInFlight: () => number;
  pool: () => Record<string, { ready: number; starting: number; waiting: number }>;
  sessions: () => number;
  /** Learners' terminals: open (a shell running) and connected (a browser attached). */
  terminals: () => { open: number; connected: number };
  /** Slots of RUNNER_MAX_CONCURRENT the open terminals hold. */
  terminalSlots: () => number;
  draining: () => boolean;
}

/** Gauges read at scrape time from the live engine. */
export function registerRunnerGauges(read: RunnerGauges): void {
  new Gauge({
    name: "codeyard_runner_runs_in_flight",
    help: "Sandbox runs executing now.",
    registers: [metricsRegistry],
    collect() {
      this.set(read.runsInFlight());
    },
  });
  new Gauge({
    name: "codeyard_runner_pool_sandboxes",
    help: "Warm one-shot sandboxes, by language and state (ready, starting) and runs waiting for one.",
    labelNames: ["language", "state"],
    registers: [metricsRegistry],
    collect() {
      for (const [language, s] of Object.entries(read.pool())) {
        this.set({ language, state: "ready" }, s.ready);
        this.set({ language, state: "starting" }, s.starting);
        this.set({ language, state: "waiting" }, s.waiting);
      }
    },
  });
  new Gauge({
    name: "codeyard_runner_sessions",
    help: "Session sandboxes held for signed-in learners.",
    registers: [metricsRegistry],
    collect() {
      this.set(read.sessions());
    },
  });
  new Gauge({
    name: "codeyard_runner_terminals",
    help: "Learners' terminals by state: open (a shell running), connected (a browser attached).",
    labelNames: ["state"],
    registers: [metricsRegistry],
    collect() {
      const { open, connected } = read.terminals();
      this.set({ state: "open" }, open);
      this.set({ state: "connected" }, connected);
    },
  });
  new Gauge({
    name: "codeyard_runner_terminal_slots",
    help: "Slots of RUNNER_MAX_CONCURRENT held by open terminals (one per RUNNER_TERMINALS_PER_SLOT of them).",
    registers: [metricsRegistry],
    collect() {
      this.set(read.terminalSlots());
    },
  });
  new Gauge({
    name: "codeyard_runner_draining",
    help: "1 while the runner drains (takes no new work), else 0.",
    registers: [metricsRegistry],
    collect() {
      this.set(read.draining() ? 1 : 0);
    },
  });
}
