import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const executionStatuses = [
  "queued",
  "running",
  "ok",
  "runtime_error",
  "timeout",
  "cpu_limit",
  "memory_limit",
  "output_limit",
  "internal_error",
  "cancelled",
] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** A figure the program drew, as the runner returns it (base64 PNG, size-capped there). */
export interface ExecutionImage {
  mediaType: "image/png";
  data: string;
}

export interface ExecutionFile {
  path: string;
  content: string;
}

export const executions = pgTable(
  "executions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text(),
    language: text().notNull(),
    files: jsonb().$type<ExecutionFile[]>().notNull(),
    stdin: text().notNull().default(""),
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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.status, t.createdAt), index().on(t.userId, t.createdAt)],
);

export type Execution = typeof executions.$inferSelect;
