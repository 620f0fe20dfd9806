export { inngest } from "./client";
export { createDispatcher, type Dispatcher, type DispatcherDeps } from "./dispatch";
export { executionCancelRequested, executionRequested, submissionRequested } from "./events";
export { createExecuteCode } from "./functions/execute-code";
export { createInlineDriver } from "./inline-driver";
export { createRunnerClient, type RunnerClient } from "./runner-client";
export type { Workflow } from "./workflow";
