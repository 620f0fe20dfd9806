// Shared set-up for the review tests: users, a graded submission, a reviewer profile.
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { type AgeGroup, users } from "../schema";
import { createSubmission, saveSubmissionResult } from "./learning";
import { becomeReviewer } from "./reviewers";
import { createUser } from "./users";

export const level = "16-plus/python-basics";
export const exercise = `${level}/order-total`;
let n = 0;

export async function makeUser(db: Db, ageGroup: AgeGroup = "16-plus", role?: "admin") {
  n++;
  const user = await createUser(db, { username: `u${n}-${Date.now().toString(36)}`, passwordHash: "h", ageGroup });
  if (role) await db.update(users).set({ role }).where(eq(users.id, user.id));
  return user;
}

export async function gradedSubmission(db: Db, userId: string, exerciseId = exercise, code = "print(1)\nprint(2)") {
  const sub = await createSubmission(db, {
    userId,
    exerciseId,
    files: [{ path: "main.py", content: code }],
    tests: [],
  });
  await saveSubmissionResult(db, sub.id, { version: 3, status: "pass", tests: [{ name: "t", status: "pass" }] });
  return sub;
}

export async function makeReviewer(db: Db, levels = [level]) {
  const user = await makeUser(db);
  await becomeReviewer(db, { userId: user.id, levels, eligibleLevels: levels, acceptCode: true });
  return user;
}

export function requestInput(learnerId: string, submissionId: string, exerciseId = exercise) {
  return {
    learnerId,
    exerciseId,
    levelId: exerciseId.split("/").slice(0, 2).join("/"),
    levelPosition: 1,
    question: "Is my loop the clearest way to do this?",
    submissionId,
    slots: 2,
  };
}
