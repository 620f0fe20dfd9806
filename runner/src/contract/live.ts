// The live view of a run: `GET /v1/live/:executionId?ticket=...[&after=<seq>]`, upgraded to a WebSocket, one
// JSON object per text message. The run itself still comes through POST /v1/executions; this is a view of it
// and, for `interactive` runs, its stdin. See runner/README.md, "Live output and input".
import { z } from "zod";
import { RunStatus } from "./status";

export const maxLiveInputBytes = 16 * 1024;

/** Browser -> runner. */
export const LiveClientFrame = z.discriminatedUnion("type", [
  /** Text for the program's stdin (interactive runs only), e.g. a typed line with its "\n". */
  z.strictObject({ type: z.literal("input"), data: z.string().max(maxLiveInputBytes) }),
  /** Closes the program's stdin (Ctrl+D). */
  z.strictObject({ type: z.literal("eof") }),
  /** Stops the run (Ctrl+C, Stop): it ends as `cancelled` within a second. */
  z.strictObject({ type: z.literal("kill") }),
]);
export type LiveClientFrame = z.infer<typeof LiveClientFrame>;

/** Runner -> browser. `seq` numbers output chunks from 1 up, per execution; replays keep their numbers. */
export const LiveServerFrame = z.discriminatedUnion("type", [
  /** The program was handed to a sandbox; `wallMs` is its wall limit (for a countdown). */
  z.object({ type: z.literal("start"), interactive: z.boolean(), wallMs: z.number().int().positive() }),
  z.object({
    type: z.literal("output"),
    seq: z.number().int().positive(),
    stream: z.enum(["stdout", "stderr"]),
    data: z.string(),
  }),
  /** Something the client should show or know (input refused, output before `seq` dropped from the buffer). */
  z.object({ type: z.literal("notice"), message: z.string() }),
  /** The run is over; the same status as its RunResult. The socket then closes (1000). */
  z.object({
    type: z.literal("end"),
    lastSeq: z.number().int().nonnegative(),
    status: RunStatus,
    exitCode: z.number().int().nullable(),
    message: z.string().optional(),
    truncated: z.boolean(),
  }),
]);
export type LiveServerFrame = z.infer<typeof LiveServerFrame>;

/** Close codes the runner uses besides 1000 (run over). */
export const liveCloseCodes = {
  /** The run belongs to another user than the ticket's. */
  forbidden: 4403,
  /** No run of this id started within the wait (RUNNER_LIVE_WAIT_MS). */
  notStarted: 4404,
  /** Too many live views at once. */
  busy: 4429,
} as const;
