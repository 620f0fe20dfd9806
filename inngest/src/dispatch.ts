import { inngest } from "./client";
import { env } from "./env";
import { createExecuteCode, type ExecuteCodeDeps } from "./functions/execute-code";
import { createInlineDriver } from "./inline-driver";
import { createRunnerClient } from "./runner-client";
import type { Workflow } from "./workflow";

export type WorkflowDeps = Omit<ExecuteCodeDeps, "runner"> & Partial<Pick<ExecuteCodeDeps, "runner">>;

export function createWorkflows(deps: WorkflowDeps): Workflow[] {
  const runner = deps.runner ?? createRunnerClient();
  return [createExecuteCode({ ...deps, runner })] as unknown as Workflow[];
}

export interface Dispatcher {
  mode: "inngest" | "inline";
  send(event: { name: string; data: Record<string, unknown> }): Promise<void>;
  drain(): Promise<void>;
}

/** The dispatch seam: Inngest when configured, else the same workflows driven in-process. */
export function createDispatcher(workflows: Workflow[], mode = env.dispatchMode): Dispatcher {
  if (mode === "inngest") {
    return {
      mode,
      async send(event) {
        await inngest.send(event);
      },
      async drain() {},
    };
  }
  const driver = createInlineDriver(workflows);
  return {
    mode,
    async send(event) {
      driver.send(event);
    },
    drain: () => driver.drain(),
  };
}
