export { inngest } from "./client";
export { createDispatcher, type Dispatcher, type DispatcherDeps } from "./dispatch";
export { env as inngestEnv } from "./env";
export { executionCancelRequested, executionRequested, reviewClaimed, submissionRequested } from "./events";
export { lostAfterSeconds } from "./functions/requeue-lost-work";
export { createRunnerClient, type RunnerClient } from "./runner-client";
export { createRunnerFleet } from "./runner-fleet";
