import { ageGroups, setAgeGroup } from "@codeyard/drizzle";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { jsonError, readJson } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";

const Body = z.object({ ageGroup: z.enum(ageGroups, { error: "Pick your age group: 8-11, 12-15 or 16+." }) });

// POST /api/account/age-group - a signed-in user (e.g. after GitHub sign-up) picks an age group
export async function POST(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return jsonError(401, "Please sign in first.");
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  const input = Body.safeParse(body.value);
  if (!input.success) return jsonError(400, input.error.issues.map((i) => i.message).join(" "));
  await setAgeGroup(await getDb(), viewer.id, input.data.ageGroup);
  return new Response(null, { status: 204 });
}
