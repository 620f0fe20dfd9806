import { type Db, getWorkspace, listWorkspaceFiles } from "@codeyard/drizzle";
import { maxStdinBytes, maxWorkspaceFileBytes, maxWorkspaceFiles, RunnerLanguage } from "@codeyard/runner/contract";
import { z } from "zod";
import { Interactive } from "@/lib/executions/request";
import { Refusal } from "@/lib/server/http";
import { WorkspaceId } from "./request";

/** The workspace variant of POST /api/executions: run the workspace's files from `entry`. */
export const WorkspaceRunBody = z.object({
  workspaceId: WorkspaceId,
  entry: z.string({ error: "entry must name the file to run" }).min(1, "entry is empty").max(200),
  stdin: z
    .string({ error: "stdin must be a string" })
    .refine((s) => Buffer.byteLength(s) <= maxStdinBytes, `stdin is larger than ${maxStdinBytes / 1024} KiB`)
    .optional(),
  interactive: Interactive,
});
export type WorkspaceRunBody = z.infer<typeof WorkspaceRunBody>;

/** The workspace's files and language as one run takes them, or the Refusal that says why it cannot run. */
export async function workspaceRunFiles(db: Db, userId: string, input: { workspaceId: string; entry: string }) {
  const owner = { userId, workspaceId: input.workspaceId };
  const workspace = await getWorkspace(db, owner);
  if (!workspace) throw new Refusal(404, "This workspace does not exist or is not yours.");
  const files = await listWorkspaceFiles(db, owner);
  if (!files.some((f) => f.path === input.entry)) {
    throw new Refusal(400, `There is no file "${input.entry}" to run in this workspace.`);
  }
  // The run goes to the learner's session sandbox as a manifest (changed files only): the workspace limits apply.
  if (files.length > maxWorkspaceFiles) {
    throw new Refusal(413, `A run can take at most ${maxWorkspaceFiles} files; this workspace has ${files.length}.`);
  }
  const big = files.find((f) => Buffer.byteLength(f.content) > maxWorkspaceFileBytes);
  if (big)
    throw new Refusal(413, `"${big.path}" is larger than ${maxWorkspaceFileBytes / 1024} KiB, too large to run.`);
  const language = RunnerLanguage.safeParse(workspace.language);
  if (!language.success) throw new Refusal(400, `This workspace's language (${workspace.language}) cannot run.`);
  return { language: language.data, files };
}
