import { ageGroups, setAgeGroup } from "@codeyard/drizzle";
import { z } from "zod";
import { requireViewer } from "@/lib/auth/viewer";
import { jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { getDb } from "@/lib/server/services";

const Body = z.object({ ageGroup: z.enum(ageGroups, { error: "Pick your age group: 8-11, 12-15 or 16+." }) });

// POST /api/account/age-group - a signed-in user (e.g. after GitHub sign-up) picks an age group
export async function POST(request: Request) {
  const auth = await requireViewer("choose your age group");
  if (!auth.ok) return auth.response;
  const body = await readJson(request, 1024);
  if (!body.ok) return body.response;
  const input = Body.safeParse(body.value);
  // The schema's messages are whole sentences written for learners.
  if (!input.success) return jsonError(400, input.error.issues.map((i) => i.message).join(" "));
  try {
    await setAgeGroup(await getDb(), auth.viewer.id, input.data.ageGroup);
  } catch (error) {
    requestLogger(request, "POST /api/account/age-group").log.error({ err: error }, "could not save the age group");
    return jsonError(503, "Your age group cannot be saved right now. Please try again in a moment.");
  }
  return new Response(null, { status: 204 });
}
