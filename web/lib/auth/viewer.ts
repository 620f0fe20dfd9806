import "server-only";
import { getServerSession } from "next-auth";
import { jsonError } from "@/lib/server/http";
import { authOptions } from "./options";

export type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

/** The signed-in user of this request, or null. */
export async function getViewer() {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}

/**
 * The one authorization check of route handlers: the signed-in viewer, or the 401 to answer.
 * `why` completes "Sign up or sign in to ...".
 */
export async function requireViewer(
  why: string,
): Promise<{ ok: true; viewer: Viewer } | { ok: false; response: Response }> {
  const viewer = await getViewer();
  if (viewer) return { ok: true, viewer };
  return { ok: false, response: jsonError(401, `Sign up or sign in to ${why}.`) };
}
