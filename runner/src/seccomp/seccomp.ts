// The sandbox's seccomp profile (profile.json, Docker's default narrowed: see README.md next to it), handed to
// Docker as `seccomp=<json>` in SecurityOpt.
import { readFileSync } from "node:fs";
import { z } from "zod";

const Rule = z.object({
  names: z.array(z.string()).min(1),
  action: z.string(),
  errnoRet: z.number().int().optional(),
  args: z.array(z.object({ index: z.number().int(), value: z.number().int(), op: z.string() })).optional(),
  includes: z.record(z.string(), z.unknown()).optional(),
  excludes: z.record(z.string(), z.unknown()).optional(),
  comment: z.string().optional(),
});
export const SeccompProfile = z.object({
  defaultAction: z.string(),
  defaultErrnoRet: z.number().int(),
  archMap: z.array(z.unknown()),
  syscalls: z.array(Rule),
});
export type SeccompProfile = z.infer<typeof SeccompProfile>;

const text = readFileSync(new URL("./profile.json", import.meta.url), "utf8");
/** Parsed once at start-up: a broken profile stops the runner rather than a run. */
export const seccompProfile: SeccompProfile = SeccompProfile.parse(JSON.parse(text));
/** The SecurityOpt entry: Docker takes the profile's JSON itself, not a path. */
export const seccompOption = `seccomp=${JSON.stringify(seccompProfile)}`;
