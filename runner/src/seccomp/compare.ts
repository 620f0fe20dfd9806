// Prints how profile.json differs from another Docker seccomp profile, e.g. moby's default:
//   tsx src/seccomp/compare.ts path/to/moby/profiles/seccomp/default.json
import { readFileSync } from "node:fs";
import { SeccompProfile as Schema, type SeccompProfile, seccompProfile } from "./seccomp";

type Rule = SeccompProfile["syscalls"][number];

/** One line per (syscall, condition) a rule allows or answers, so two profiles compare line by line. */
function entries(profile: SeccompProfile): Set<string> {
  const out = new Set<string>();
  const describe = (rule: Rule) =>
    [
      rule.action,
      rule.errnoRet ?? "",
      JSON.stringify(rule.args ?? []),
      JSON.stringify(rule.includes ?? {}),
      JSON.stringify(rule.excludes ?? {}),
    ].join(" ");
  for (const rule of profile.syscalls) for (const name of rule.names) out.add(`${name} ${describe(rule)}`);
  return out;
}

const path = process.argv[2];
if (!path) {
  console.error("usage: tsx src/seccomp/compare.ts <other profile.json>");
  process.exit(2);
}
const other = Schema.parse(JSON.parse(readFileSync(path, "utf8")));
const ours = entries(seccompProfile);
const theirs = entries(other);
for (const line of [...theirs].filter((l) => !ours.has(l)).sort()) console.log(`- ${line}`);
for (const line of [...ours].filter((l) => !theirs.has(l)).sort()) console.log(`+ ${line}`);
for (const key of ["defaultAction", "defaultErrnoRet"] as const) {
  if (other[key] !== seccompProfile[key]) console.log(`${key}: ${other[key]} -> ${seccompProfile[key]}`);
}
