export { inngest } from "./client";
export { createDispatcher, type Dispatcher, type DispatcherDeps } from "./dispatch";
export { env as inngestEnv, type RunnerAddress } from "./env";
export {
  executionCancelRequested,
  executionRequested,
  GuestId,
  guestSessionKey,
  reviewClaimed,
  submissionRequested,
  terminalSyncRequested,
} from "./events";
export { lostAfterSeconds } from "./functions/requeue-lost-work";
export { liveViewerOf } from "./live";
export { createRunnerClient, type RunnerClient } from "./runner-client";
export { createRunnerFleet, type RunnerFleet } from "./runner-fleet";
export {
  createTerminalFilesClient,
  type TerminalFilesClient,
  TerminalFilesError,
  type TerminalFilesOptions,
} from "./terminal-client";
export { planSync, type SyncPlan, sha256, syncTerminal, type TerminalSyncResult } from "./terminal-sync";
