import { ageGroups } from "@codeyard/drizzle";
import { z } from "zod";

export const SignUpBody = z.object({
  username: z
    .string({ error: "username must be a string" })
    .trim()
    .min(3, "Your name needs at least 3 characters.")
    .max(24, "Your name can have at most 24 characters.")
    .regex(/^[a-zA-Z0-9_-]+$/, "Use only letters, digits, - and _ in your name (no spaces)."),
  password: z
    .string({ error: "password must be a string" })
    .min(8, "Your password needs at least 8 characters.")
    .max(200, "Your password can have at most 200 characters."),
  ageGroup: z.enum(ageGroups, { error: "Pick your age group: 8-11, 12-15 or 16+." }),
});
export type SignUpBody = z.infer<typeof SignUpBody>;
