// The key that signs session cookies. Never a built-in value: NEXTAUTH_SECRET when set (required in
// production), else, in local mode, the generated one `pnpm start` keeps in .data/auth-secret, made here
// if a plain `next dev` runs first.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The launcher's file: <repo>/.data/auth-secret, with Next's working directory being web/. */
export const localSecretFile = resolve(process.cwd(), "..", ".data", "auth-secret");

function readSecret(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

export function resolveAuthSecret(options: { configured?: string; production: boolean; file: string }): string {
  if (options.configured) return options.configured;
  if (options.production) {
    throw new Error("NEXTAUTH_SECRET is required in production: set it to the output of `openssl rand -hex 32`.");
  }
  let secret = readSecret(options.file);
  if (secret === null) {
    mkdirSync(dirname(options.file), { recursive: true });
    try {
      // "wx": if another process made it first, theirs wins and is read below.
      writeFileSync(options.file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    secret = readSecret(options.file) ?? "";
  }
  if (secret.length < 32) {
    throw new Error(
      `${options.file} holds no usable session secret (under 32 characters). Delete it to have a new one made, ` +
        "or set NEXTAUTH_SECRET.",
    );
  }
  return secret;
}
