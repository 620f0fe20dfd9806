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
import { users } from "./users";

export const workspaceKinds = ["lesson", "project"] as const;
export type WorkspaceKind = (typeof workspaceKinds)[number];
export const entryKinds = ["file", "folder"] as const;
export type EntryKind = (typeof entryKinds)[number];

/** Limits of one workspace, checked by the query verbs inside the transaction that changes it. */
export const workspaceLimits = { entries: 200, fileBytes: 256 * 1024, totalBytes: 5 * 1024 * 1024 } as const;

/** A learner's files: one per (user, lesson), made from the exercise's starter files, or a personal project. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().$type<WorkspaceKind>().notNull(),
    /** The lesson of a lesson workspace; null for a project. */
    exerciseId: text(),
    name: text().notNull(),
    language: text().notNull(),
    /** The file a run starts from unless the learner picks another; follows renames. */
    entry: text().notNull(),
    /** Grows by one per change; a file's version is the revision that last wrote it, so none is ever reused. */
    revision: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("workspaces_lesson_unique").on(t.userId, t.exerciseId).where(sql`${t.exerciseId} is not null`),
    index().on(t.userId, t.kind, t.updatedAt),
  ],
);
export type Workspace = typeof workspaces.$inferSelect;

/** Files and folders by full path ("src/utils.py"): a folder's children are the paths under it. */
export const workspaceEntries = pgTable(
  "workspace_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    path: text().notNull(),
    kind: text().$type<EntryKind>().notNull(),
    /** Null for folders. */
    content: text(),
    /** UTF-8 bytes of the content (0 for folders): the workspace total is their sum. */
    size: integer().notNull().default(0),
    /** The workspace revision of its last write: a write names the version it was based on. */
    version: integer().notNull().default(1),
    /** Set by exercise authors: the learner can read but not change, move or delete it. */
    readOnly: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.workspaceId, t.path)],
);
export type WorkspaceEntry = typeof workspaceEntries.$inferSelect;

/**
 * The terminal's file sync base: path -> sha256 of each file the user's sandbox and this saved workspace last
 * agreed on. Kept on the server so the sync goes on (and merges right) with no browser open.
 */
export const terminalSyncBases = pgTable(
  "terminal_sync_bases",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    base: jsonb().$type<Record<string, string>>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.workspaceId] })],
);
