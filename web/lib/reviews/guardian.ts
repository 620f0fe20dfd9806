import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { requestGuardianApproval } from "@codeyard/drizzle";
import nodemailer from "nodemailer";
import { env } from "@/env";
import { logger } from "@/lib/server/logger";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Sends a grown-up the approval link (SMTP when configured, else the server log) unless already approved. */
export async function askGuardian(
  db: Parameters<typeof requestGuardianApproval>[0],
  input: { learnerId: string; email: string; origin: string },
) {
  const token = randomBytes(24).toString("base64url");
  const state = await requestGuardianApproval(db, {
    learnerId: input.learnerId,
    email: input.email,
    tokenHash: hashToken(token),
  });
  if (state === "approved") return state;
  const link = `${input.origin}/guardian/${token}`;
  const text =
    "A child using Codeyard would like experienced learners to review their code. Reviewers only see a " +
    "nickname, never a name or email address, and everything they write can be reported.\n\n" +
    `If you agree, open this link: ${link}\n\nIf you did not expect this email, ignore it.`;
  if (env.SMTP_URL) {
    await nodemailer.createTransport(env.SMTP_URL).sendMail({
      from: env.SMTP_FROM,
      to: input.email,
      subject: "Codeyard: may your child ask for code reviews?",
      text,
    });
  } else {
    // Local mode: no mail server, so the link goes to the log for whoever runs this machine.
    logger.warn({ link }, "SMTP_URL is not set: guardian approval link");
  }
  return state;
}
