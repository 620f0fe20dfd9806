import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";

export type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

/** The signed-in user of this request, or null. Every handler asks this itself. */
export async function getViewer() {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}
