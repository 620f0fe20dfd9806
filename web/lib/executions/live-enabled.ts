import "server-only";
import { env } from "@/env";

/** Runs are watched live (and take typed input) when the web app shares a ticket key with the runner. */
export function liveEnabled(): boolean {
  return env.RUNNER_TICKET_KEY !== undefined;
}
