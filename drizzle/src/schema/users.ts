import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const roles = ["learner", "reviewer", "admin"] as const;
export type Role = (typeof roles)[number];

export const ageGroups = ["8-11", "12-15", "16-plus"] as const;
export type AgeGroup = (typeof ageGroups)[number];

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Lower-case login name, shown publicly instead of a real name. */
    username: text().notNull(),
    /** argon2id hash; null for accounts that only sign in with GitHub. */
    passwordHash: text(),
    githubId: text(),
    /** Null until a GitHub user has picked one. */
    ageGroup: text().$type<AgeGroup>(),
    role: text().$type<Role>().notNull().default("learner"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.username), uniqueIndex().on(t.githubId), index().on(t.createdAt)],
);

export type User = typeof users.$inferSelect;
