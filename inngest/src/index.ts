export { inngest } from "./client";
export { createDispatcher, type Dispatcher, type DispatcherDeps } from "./dispatch";
export { env as inngestEnv } from "./env";
export {
  executionCancelRequested,
  executionRequested,
  GuestId,
  guestSessionKey,
  reviewClaimed,
  submissionRequested,
} from "./events";
export { lostAfterSeconds } from "./functions/requeue-lost-work";
export { liveViewerOf } from "./live";
export { createRunnerClient, type RunnerClient } from "./runner-client";
export { createRunnerFleet } from "./runner-fleet";
export { createTerminalFilesClient, type TerminalFilesClient, TerminalFilesError } from "./terminal-client";
