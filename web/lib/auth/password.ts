import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Made once per process with the same parameters as real hashes, so checking it costs the same.
let dummyHash: Promise<string> | undefined;

/**
 * Checks `password` against `passwordHash`, or, when there is none (unknown name, GitHub-only account),
 * against a dummy hash that never matches: the answer takes as long either way, so timing does not tell
 * which names exist.
 */
export async function verifyPasswordOrDummy(passwordHash: string | null | undefined, password: string) {
  if (passwordHash) return verifyPassword(passwordHash, password);
  dummyHash ??= hashPassword(`dummy-${crypto.randomUUID()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}
