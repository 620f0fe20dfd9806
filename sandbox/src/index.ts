import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sandboxRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** One build context (folder with a Dockerfile and a supervisor) per entry. */
export const sandboxLanguages = ["python", "node"] as const;
export type SandboxLanguage = (typeof sandboxLanguages)[number];

export interface SandboxImage {
  language: SandboxLanguage;
  /** Build context holding the Dockerfile. */
  context: string;
  /** `codeyard/sandbox-<language>:<content hash>`: a changed Dockerfile or supervisor gives a new tag. */
  tag: string;
}

/** Hash of every file in the build context, so the tag changes exactly when the image would. */
function contentVersion(context: string): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(context).sort()) {
    hash
      .update(name)
      .update("\0")
      .update(readFileSync(join(context, name)))
      .update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}

export function sandboxImage(language: SandboxLanguage): SandboxImage {
  const context = join(sandboxRoot, language);
  return { language, context, tag: `codeyard/sandbox-${language}:${contentVersion(context)}` };
}
