import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ExecutionFile } from "./executions";
import type { SubmissionResult } from "./learning";
import { type AgeGroup, users } from "./users";

const userRef = () =>
  uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });

/** A reviewer's standing: rank 1 to 3 rises and falls with ratings and decides which levels they may take. */
export const reviewerProfiles = pgTable("reviewer_profiles", {
  userId: userRef().primaryKey(),
  /** Curriculum level ids (`16-plus/python-basics`) the reviewer chose to review. */
  levels: jsonb().$type<string[]>().notNull(),
  rank: integer().notNull().default(1),
  /** Set by an admin: only such reviewers see requests of the 8-11 group. */
  approvedForYoung: boolean().notNull().default(false),
  active: boolean().notNull().default(true),
  acceptedCodeAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type ReviewerProfile = typeof reviewerProfiles.$inferSelect;

export const reviewStatuses = [
  "awaiting_guardian",
  "pending",
  "claimed",
  "in_progress",
  "finished",
  "cancelled",
  "timed_out",
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
/** Statuses of a request that still counts against the learner's slots. */
export const openReviewStatuses: ReviewStatus[] = ["awaiting_guardian", "pending", "claimed", "in_progress"];

export const reviewRatings = ["problematic", "acceptable", "good"] as const;
export type ReviewRating = (typeof reviewRatings)[number];

export const reviewRequests = pgTable(
  "review_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    learnerId: userRef(),
    /** The learner's age group when asking: decides who may see the request. */
    learnerAgeGroup: text().$type<AgeGroup>().notNull(),
    exerciseId: text().notNull(),
    levelId: text().notNull(),
    /** 1-based position of the level in its age group: a reviewer of rank r takes positions up to r. */
    levelPosition: integer().notNull(),
    question: text().notNull(),
    status: text().$type<ReviewStatus>().notNull(),
    reviewerId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Identifies one claim, so a late expiry of an old claim never releases a newer one. */
    claimId: uuid(),
    claimExpiresAt: timestamp({ withTimezone: true }),
    firstClaimedAt: timestamp({ withTimezone: true }),
    /** Whose move it is in a discussion. */
    turn: text().$type<"reviewer" | "learner">(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    nudgesSent: integer().notNull().default(0),
    rating: text().$type<ReviewRating>(),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open request per solution (learner and exercise).
    uniqueIndex("review_requests_one_open")
      .on(t.learnerId, t.exerciseId)
      .where(sql`${t.status} in ('awaiting_guardian', 'pending', 'claimed', 'in_progress')`),
    index().on(t.status, t.createdAt),
    index().on(t.reviewerId, t.status),
  ],
);
export type ReviewRequest = typeof reviewRequests.$inferSelect;

/** A frozen snapshot of the learner's code and its test results. */
export const reviewIterations = pgTable(
  "review_iterations",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => reviewRequests.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    submissionId: uuid().notNull(),
    files: jsonb().$type<ExecutionFile[]>().notNull(),
    result: jsonb().$type<SubmissionResult>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.requestId, t.number)],
);
export type ReviewIteration = typeof reviewIterations.$inferSelect;

export const reviewComments = pgTable(
  "review_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    requestId: uuid()
      .notNull()
      .references(() => reviewRequests.id, { onDelete: "cascade" }),
    authorId: userRef(),
    iteration: integer().notNull(),
    /** 1-based line of the iteration's main file the comment is about, if any. */
    line: integer(),
    body: text().notNull(),
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.requestId, t.createdAt)],
);
export type ReviewComment = typeof reviewComments.$inferSelect;

/** A learner who blocked a reviewer: the reviewer never sees or takes that learner's requests again. */
export const reviewBlocks = pgTable(
  "review_blocks",
  {
    learnerId: userRef(),
    reviewerId: userRef(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.reviewerId] })],
);

export const reviewReports = pgTable(
  "review_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    reporterId: userRef(),
    requestId: uuid()
      .notNull()
      .references(() => reviewRequests.id, { onDelete: "cascade" }),
    commentId: uuid().references(() => reviewComments.id, { onDelete: "set null" }),
    reason: text().notNull(),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.resolvedAt, t.createdAt)],
);
export type ReviewReport = typeof reviewReports.$inferSelect;

/** A grown-up's consent for a learner of the 8-11 group to ask for reviews. The email is never shown. */
export const guardianApprovals = pgTable("guardian_approvals", {
  learnerId: userRef().primaryKey(),
  email: text().notNull(),
  /** sha256 of the token in the approval link. */
  tokenHash: text().notNull(),
  approvedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const notificationKinds = [
  "review_claimed",
  "review_comment",
  "review_finished",
  "review_nudge",
  "review_timed_out",
  "review_released",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: userRef(),
    kind: text().$type<NotificationKind>().notNull(),
    requestId: uuid().references(() => reviewRequests.id, { onDelete: "cascade" }),
    text: text().notNull(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.createdAt)],
);
export type Notification = typeof notifications.$inferSelect;
