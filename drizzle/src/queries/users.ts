import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { type AgeGroup, type User, users } from "../schema";

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`The name "${username}" is taken. Please choose another one.`);
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === "23505";
}

export async function createUser(
  db: Db,
  input: { username: string; passwordHash: string | null; ageGroup: AgeGroup | null; githubId?: string | null },
): Promise<User> {
  try {
    const [row] = await db
      .insert(users)
      .values({
        username: input.username.toLowerCase(),
        passwordHash: input.passwordHash,
        ageGroup: input.ageGroup,
        githubId: input.githubId ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new UsernameTakenError(input.username.toLowerCase());
    throw error;
  }
}

export async function getUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase())).limit(1);
  return row;
}

export async function getUserById(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** The account for a GitHub login: found by GitHub id, else created under a free username. */
export async function findOrCreateGithubUser(db: Db, githubId: string, login: string): Promise<User> {
  const [existing] = await db.select().from(users).where(eq(users.githubId, githubId)).limit(1);
  if (existing) return existing;
  const base =
    login
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, "")
      .slice(0, 24) || "learner";
  for (let attempt = 0; attempt < 20; attempt++) {
    const username = attempt === 0 ? base : `${base}-${attempt + 1}`;
    try {
      return await createUser(db, { username, passwordHash: null, ageGroup: null, githubId });
    } catch (error) {
      if (!(error instanceof UsernameTakenError)) throw error;
    }
  }
  throw new Error("could not find a free username");
}

export async function setAgeGroup(db: Db, userId: string, ageGroup: AgeGroup): Promise<void> {
  await db.update(users).set({ ageGroup }).where(eq(users.id, userId));
}

export async function getUsernames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.username]));
}
