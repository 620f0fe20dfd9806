// The learner's terminal: `GET /v1/terminal?ticket=...[&id=<terminalId>&after=<offset>]&rows=&cols=`, upgraded
// to a WebSocket, a shell (bash) in the user's session sandbox. Control frames are JSON text messages; output is
// binary: 1 type byte ("o"), the 8-byte big-endian offset of its first byte in the shell's output, then the bytes.
// Offsets make a replay exact: on reconnect the client sends `after` (the bytes it has) and skips any overlap.
// The files routes let the web app keep the sandbox's /workspace and the learner's saved workspace in step.
import { z } from "zod";
import { FilePath } from "./paths";

/** The ticket's executionId (scope) for a terminal socket. */
export const terminalTicketScope = "terminal";
export const maxTerminalInputBytes = 16 * 1024;
export const terminalSize = { minRows: 2, maxRows: 500, minCols: 2, maxCols: 1000 } as const;

export const TerminalSize = z.object({
  rows: z.number().int().min(terminalSize.minRows).max(terminalSize.maxRows),
  cols: z.number().int().min(terminalSize.minCols).max(terminalSize.maxCols),
});
export type TerminalSize = z.infer<typeof TerminalSize>;

/** Browser -> runner. */
export const TerminalClientFrame = z.discriminatedUnion("type", [
  /** Keys and pasted text, as typed. */
  z.strictObject({ type: z.literal("input"), data: z.string().max(maxTerminalInputBytes) }),
  z.strictObject({ type: z.literal("resize"), ...TerminalSize.shape }),
  /** Answered with a pong carrying the same `at`. */
  z.strictObject({ type: z.literal("ping"), at: z.number() }),
  /** Flow control: stop sending output (the shell then blocks once the pipe fills) until resume. */
  z.strictObject({ type: z.literal("pause") }),
  z.strictObject({ type: z.literal("resume") }),
  /** Ends the shell for good (Disconnect); a dropped connection instead keeps it for the grace period. */
  z.strictObject({ type: z.literal("close") }),
]);
export type TerminalClientFrame = z.infer<typeof TerminalClientFrame>;

/** Runner -> browser (text messages). */
export const TerminalServerFrame = z.discriminatedUnion("type", [
  /** First message. `resumed`: the same shell as before the drop; `lost`: bytes missed that the buffer no longer held. */
  z.object({
    type: z.literal("hello"),
    terminalId: z.string(),
    resumed: z.boolean(),
    offset: z.number().int().nonnegative(),
    lost: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal("pong"), at: z.number() }),
  z.object({ type: z.literal("notice"), message: z.string() }),
  /** The shell is over; the socket closes next with one of terminalCloseCodes. */
  z.object({ type: z.literal("end"), reason: z.string(), message: z.string() }),
]);
export type TerminalServerFrame = z.infer<typeof TerminalServerFrame>;

/** Close codes besides 1000; a client reconnects by itself only after 1001, 1006 or 1013. */
export const terminalCloseCodes = {
  /** The client sent `close` (Disconnect). */
  closed: 4000,
  /** Idle too long: "Session paused to save resources". */
  idle: 4001,
  /** The shell exited (`exit`, Ctrl+D). */
  exited: 4002,
  /** Too many terminals for this user, or the runner has no room. */
  full: 4003,
  /** The sandbox went away (reaped, replaced after a run that left it dirty, runner stopping). */
  sandboxGone: 4004,
  /** The same terminal was opened from another connection. */
  replaced: 4005,
} as const;

export const idleMessage = "Session paused to save resources";

export const outputFrameType = 0x6f;
const headerBytes = 9;

export function encodeOutputFrame(offset: number, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(headerBytes + data.length);
  const view = new DataView(frame.buffer);
  view.setUint8(0, outputFrameType);
  view.setBigUint64(1, BigInt(offset));
  frame.set(data, headerBytes);
  return frame;
}

export function decodeOutputFrame(frame: Uint8Array): { offset: number; data: Uint8Array } | null {
  if (frame.length < headerBytes || frame[0] !== outputFrameType) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { offset: Number(view.getBigUint64(1)), data: frame.subarray(headerBytes) };
}

// Files: GET /v1/terminal/files?userId= (manifest), POST /v1/terminal/files/read, PUT /v1/terminal/files.
// Names starting with ".codeyard" are the runner's own (the tag file, half-written files) and never listed.
export const terminalTagFile = ".codeyard-tag";
export const maxTerminalFiles = 200;
export const maxTerminalFileBytes = 256 * 1024;

export const TerminalFileEntry = z.object({
  path: FilePath,
  /** null: larger than maxTerminalFileBytes or not UTF-8 text; such a file is not synced. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  size: z.number().int().nonnegative(),
});
export type TerminalFileEntry = z.infer<typeof TerminalFileEntry>;

export const TerminalManifest = z.object({
  /** False when the user has no sandbox now (reaped): nothing to sync from. */
  sandbox: z.boolean(),
  files: z.array(TerminalFileEntry).max(maxTerminalFiles),
  /** More files than maxTerminalFiles were there; the list holds the first ones by path. */
  truncated: z.boolean(),
  /** The tag the last write set (the web app's workspace id): whose files /workspace holds. */
  tag: z.string().max(100).nullable(),
});
export type TerminalManifest = z.infer<typeof TerminalManifest>;

const UserId = z.string().min(1).max(200);
const FileContent = z
  .string()
  .refine((c) => Buffer.byteLength(c) <= maxTerminalFileBytes, "file is larger than 256 KiB");

export const TerminalReadRequest = z.object({
  userId: UserId,
  paths: z.array(FilePath).min(1).max(maxTerminalFiles),
});
export type TerminalReadRequest = z.infer<typeof TerminalReadRequest>;

export const TerminalReadResult = z.object({
  /** Text files that were there; a path that vanished or is not text is missing from the list. */
  files: z.array(z.object({ path: FilePath, content: z.string() })).max(maxTerminalFiles),
});
export type TerminalReadResult = z.infer<typeof TerminalReadResult>;

export const TerminalWriteRequest = z.object({
  userId: UserId,
  write: z.array(z.object({ path: FilePath, content: FileContent })).max(maxTerminalFiles),
  remove: z.array(FilePath).max(maxTerminalFiles),
  /** Names whose files /workspace now holds; the manifest answers it back. */
  tag: z.string().min(1).max(100).optional(),
});
export type TerminalWriteRequest = z.infer<typeof TerminalWriteRequest>;

/** Open terminals, for /v1/capacity and the metrics. */
export const TerminalCounts = z.object({
  open: z.number().int().nonnegative(),
  connected: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  perUser: z.number().int().nonnegative(),
});
export type TerminalCounts = z.infer<typeof TerminalCounts>;
