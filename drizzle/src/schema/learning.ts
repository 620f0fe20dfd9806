import type { GradeResult, GraderTest, TestOutcome } from "@codeyard/runner/contract";
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ExecutionFile } from "./executions";
import { users } from "./users";

export const submissionStatuses = ["queued", "running", "pass", "fail", "error"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** An exercise's test as the grader runs it: the runner's grading contract owns the shape. */
export type HiddenTest = GraderTest;

/** Exercism test-runner results, version 3: the grader's verdict (the runner's contract owns its shape). */
export type TestResult = TestOutcome;
export interface SubmissionResult extends Pick<GradeResult, "status" | "message" | "tests"> {
  version: 3;
}

export const submissions = pgTable(
  "submissions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: text().notNull(),
    files: jsonb().$type<ExecutionFile[]>().notNull(),
    /** The hidden tests as they were when submitted, so a retry or replay grades against the same. */
    tests: jsonb().$type<HiddenTest[]>().notNull().default([]),
    status: text().$type<SubmissionStatus>().notNull().default("queued"),
    /** "Run examples": graded against the shown tests only; never records progress, never an answer to review. */
    examplesOnly: boolean().notNull().default(false),
    result: jsonb().$type<SubmissionResult>(),
    concurrencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    dispatchedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.createdAt), index().on(t.userId, t.exerciseId), index().on(t.status, t.createdAt)],
);
export type Submission = typeof submissions.$inferSelect;

/** One row per exercise a user has passed: recorded once, whatever the number of passing submissions. */
export const progress = pgTable(
  "progress",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: text().notNull(),
    submissionId: uuid().notNull(),
    completedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.exerciseId] })],
);
export type Progress = typeof progress.$inferSelect;

/** The editor's content per user and exercise, saved as the learner types. */
export const drafts = pgTable(
  "drafts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exerciseId: text().notNull(),
    code: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.exerciseId] })],
);
export type Draft = typeof drafts.$inferSelect;
