import type { RunImage, RunnerFile, RunStatus } from "@codeyard/runner/contract";
import { runStatuses } from "@codeyard/runner/contract";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The runner's statuses (its contract owns them) plus the two a run has before it reaches the runner. */
export const executionStatuses = ["queued", "running", ...runStatuses] as const;
export type ExecutionStatus = "queued" | "running" | RunStatus;

/** A figure the program drew, as the runner returns it (base64 PNG, size-capped there). */
export type ExecutionImage = RunImage;
export type ExecutionFile = RunnerFile;

export const executions = pgTable(
  "executions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text(),
    language: text().notNull(),
    files: jsonb().$type<ExecutionFile[]>().notNull(),
    stdin: text().notNull().default(""),
    /** The file to run when it is not the language's default (a workspace run); null means the default. */
    entry: text(),
    /** The workspace the files were taken from, if any (kept when the workspace is deleted). */
    workspaceId: uuid(),
    status: text().$type<ExecutionStatus>().notNull().default("queued"),
    stdout: text().notNull().default(""),
    stderr: text().notNull().default(""),
    exitCode: integer(),
    signal: text(),
    wallMs: integer(),
    truncated: boolean().notNull().default(false),
    cpuMs: integer(),
    memoryKib: integer(),
    images: jsonb().$type<ExecutionImage[]>().notNull().default([]),
    error: text(),
    /** Inngest concurrency key (`user:<id>` or `ip:<address>`): a re-send waits its turn like the first send. */
    concurrencyKey: text(),
    /** An anonymous caller's guest id: a re-sent run goes back to the guest's session sandbox, not one-shot. */
    guestId: text(),
    /**
     * Started with no stdin for the page to type into: the runner keeps stdin open under the longer interactive wall
     * limit. On the row so a re-send asks the runner for the same run, not a different one it would refuse.
     */
    interactive: boolean().notNull().default(false),
    /** The runner that holds the run (its base URL), so Stop reaches it when there are several. */
    runnerUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** Last time an event was sent for this run; the requeue cron measures "lost" from here. */
    dispatchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.status, t.createdAt), index().on(t.userId, t.createdAt), index().on(t.concurrencyKey, t.status)],
);

export type Execution = typeof executions.$inferSelect;
