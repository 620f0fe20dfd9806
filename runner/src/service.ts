// The runner's verbs behind the HTTP handlers: run or grade one request at most once per id, within the
// capacity, cancel a run, report the capacity. Handlers map the outcomes to HTTP.
import type { Logger } from "pino";
import { AnswerBook, type AnswerOptions, fingerprintOf } from "./answers";
import type { Capacity } from "./capacity";
import type { BusyPool, GradeRequest, GradeResult, RunnerCapacity, RunRequest, RunResult } from "./contract";
import { resolveLimits } from "./contract";
import { gradeInSandbox } from "./grading";
import { runnerErrors, runnerFinished, runnerRefusals } from "./metrics";
import { isRetriable } from "./retriable";
import { MissingContentError } from "./workspace-sync";

export interface ServiceDeps {
  /** Runs one validated request in a sandbox; never throws. */
  run: (request: RunRequest, logger: Logger) => Promise<RunResult>;
  /** Stops the runs in flight for an execution id; false when there are none. */
  cancel?: (executionId: string) => boolean;
  capacity: Capacity;
  answers?: Partial<AnswerOptions>;
  /** True once the runner drains: it answers what it knows and runs nothing new. */
  draining?: () => boolean;
}

const drainingMessage = "this runner is stopping and takes no new work: send it to another runner";

function refuseDraining(): { kind: "unavailable"; message: string } {
  runnerRefusals.inc({ reason: "draining" });
  return { kind: "unavailable", message: drainingMessage };
}

function refuseBusy(pool: BusyPool): { kind: "busy"; pool: BusyPool } {
  runnerRefusals.inc({ reason: "busy" });
  return { kind: "busy", pool };
}

export type Outcome<T> =
  | { kind: "answer"; answer: T }
  | { kind: "busy"; pool: BusyPool }
  | { kind: "conflict"; message: string }
  | { kind: "unavailable"; message: string }
  /** A workspace run that did not start: send it again with content for these paths. */
  | { kind: "missing"; missing: string[] };

type GradeAnswer = { ok: true; result: GradeResult } | { ok: false; message: string };

export interface RunnerService {
  runProgram(request: RunRequest, log: Logger): Promise<Outcome<RunResult>>;
  gradeProgram(request: GradeRequest, log: Logger): Promise<Outcome<GradeResult>>;
  cancelRun(executionId: string): boolean;
  capacity(): RunnerCapacity;
}

function conflict(id: string): { kind: "conflict"; message: string } {
  return { kind: "conflict", message: `id ${id} was already used for a different request` };
}

/** A grading whose program started but whose sandbox failed: final, so the program is not run again. */
function failedGrading(request: GradeRequest, run: RunResult): GradeResult {
  return {
    id: request.id,
    status: "error",
    message:
      run.status === "cancelled"
        ? "The tests were cancelled."
        : "The tests could not run because the sandbox failed. Please submit again.",
    tests: request.tests.map((t) => ({ name: t.name, status: "error" as const })),
    wallMs: run.wallMs,
  };
}

/** A run's answer, or the content its workspace lacks (a rejection that is never stored for the id). */
async function settle(answer: Promise<RunResult>): Promise<Outcome<RunResult>> {
  try {
    return { kind: "answer", answer: await answer };
  } catch (error) {
    if (error instanceof MissingContentError) return { kind: "missing", missing: error.missing };
    throw error;
  }
}

export function createRunnerService(deps: ServiceDeps): RunnerService {
  /**
   * A run the drain stopped (still waiting for a sandbox, or past RUNNER_DRAIN_MS) has no real outcome: it is
   * refused like new work, so the caller sends it to another runner instead of recording internal_error.
   */
  const settleRun = async (answer: Promise<RunResult>): Promise<Outcome<RunResult>> => {
    const outcome = await settle(answer);
    if (outcome.kind === "answer" && isRetriable(outcome.answer) && deps.draining?.()) return refuseDraining();
    return outcome;
  };
  const runs = new AnswerBook<RunResult>(deps.answers);
  const gradings = new AnswerBook<GradeAnswer>(deps.answers);

  return {
    async runProgram(raw, log) {
      const request = { ...raw, limits: resolveLimits(raw.limits) };
      // Content is left out: it is fixed by its sha256, and a resend after a missing answer adds content.
      const fingerprint = fingerprintOf({
        ...request,
        workspace: request.workspace?.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      });
      const known = runs.find(request.id, fingerprint);
      if (known?.kind === "conflict") return conflict(request.id);
      if (known) {
        log.info({ repeat: known.kind }, "repeated id: answering without running it again");
        return await settleRun(known.answer);
      }
      if (deps.draining?.()) return refuseDraining();
      const slot = deps.capacity.take("run");
      if ("full" in slot) return refuseBusy(slot.full);
      const answer = runs.start(request.id, fingerprint, async () => {
        try {
          const result = await deps.run(request, log);
          runnerFinished.inc({ kind: "run" });
          if (result.status === "internal_error") runnerErrors.inc({ kind: "internal_error" });
          log.info(
            { status: result.status, exitCode: result.exitCode, wallMs: result.wallMs, cpuMs: result.cpuMs },
            "run finished",
          );
          return { answer: result, remember: !isRetriable(result) };
        } finally {
          slot.release();
        }
      });
      return await settleRun(answer);
    },

    async gradeProgram(request, log) {
      const fingerprint = fingerprintOf(request);
      const known = gradings.find(request.id, fingerprint);
      if (known?.kind === "conflict") return conflict(request.id);
      let answer: Promise<GradeAnswer>;
      if (known) {
        log.info({ repeat: known.kind }, "repeated id: answering without grading it again");
        answer = known.answer;
      } else {
        if (deps.draining?.()) return refuseDraining();
        const slot = deps.capacity.take("grading");
        if ("full" in slot) return refuseBusy(slot.full);
        answer = gradings.start(request.id, fingerprint, async () => {
          let run: RunResult | undefined;
          try {
            const result = await gradeInSandbox(async (r) => {
              run = await deps.run(r, log);
              return run;
            }, request);
            log.info({ status: result.status, tests: result.tests.length, wallMs: result.wallMs }, "grading finished");
            runnerFinished.inc({ kind: "grading" });
            return { answer: { ok: true, result }, remember: true };
          } catch (error) {
            log.error({ err: error }, "grading failed");
            runnerFinished.inc({ kind: "grading" });
            runnerErrors.inc({ kind: "grading" });
            if (!run || isRetriable(run)) {
              return {
                answer: { ok: false, message: "the grading sandbox could not start; try again" },
                remember: false,
              };
            }
            return { answer: { ok: true, result: failedGrading(request, run) }, remember: true };
          } finally {
            slot.release();
          }
        });
      }
      const settled = await answer;
      return settled.ok
        ? { kind: "answer", answer: settled.result }
        : { kind: "unavailable", message: settled.message };
    },

    cancelRun: (executionId) => deps.cancel?.(executionId) ?? false,
    capacity: () => deps.capacity.snapshot(),
  };
}
