import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const sandboxRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

/** One image (a folder with its Dockerfile) per entry. */
export const sandboxLanguages = ["python", "node"] as const;
export type SandboxLanguage = (typeof sandboxLanguages)[number];

/** Folders every image copies from: the one supervisor of all images. */
export const sharedFolders = ["supervisor"] as const;

/** The user programs run as in every image: nobody on the host (not root, not a regular user's 1000-1999). */
export const sandboxUser = { uid: 61000, gid: 61000 } as const;

export interface SandboxImage {
  language: SandboxLanguage;
  /** Build context: the sandbox/ folder, so images share the supervisor (see .dockerignore). */
  context: string;
  /** The image's Dockerfile inside the context. */
  dockerfile: string;
  /** `codeyard/sandbox-<language>:<content hash>`: a changed Dockerfile or supervisor gives a new tag. */
  tag: string;
}

/** Hash of every file the image is built from, so the tag changes exactly when the image would. */
function contentVersion(folders: readonly string[]): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(sandboxRoot, ".dockerignore")));
  for (const folder of folders) {
    for (const name of readdirSync(join(sandboxRoot, folder)).sort()) {
      if (!statSync(join(sandboxRoot, folder, name)).isFile()) continue;
      hash
        .update(`${folder}/${name}`)
        .update("\0")
        .update(readFileSync(join(sandboxRoot, folder, name)))
        .update("\0");
    }
  }
  return hash.digest("hex").slice(0, 12);
}

export function sandboxImage(language: SandboxLanguage): SandboxImage {
  return {
    language,
    context: sandboxRoot,
    dockerfile: join(language, "Dockerfile"),
    tag: `codeyard/sandbox-${language}:${contentVersion([language, ...sharedFolders])}`,
  };
}
