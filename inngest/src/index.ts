export { inngest } from "./client";
export { createDispatcher, createWorkflows, type Dispatcher, type WorkflowDeps } from "./dispatch";
export { executionRequested } from "./events";
export { createExecuteCode } from "./functions/execute-code";
export { createInlineDriver } from "./inline-driver";
export { createRunnerClient, type RunnerClient } from "./runner-client";
export type { Workflow } from "./workflow";
