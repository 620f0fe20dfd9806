import { jsonError } from "@/lib/server/http";
import { getQuota, unidentifiedMessage } from "@/lib/server/quota";
import { requestSubject } from "@/lib/server/subject";

export const dynamic = "force-dynamic";

// GET /api/quota - the caller's run quota: limits, remaining and reset times
export async function GET(request: Request) {
  const subject = await requestSubject(request);
  if (subject.kind === "unidentified") return jsonError(403, unidentifiedMessage, { "cache-control": "no-store" });
  const [runs, submissions] = await Promise.all([
    getQuota().usage("runs", subject),
    subject.kind === "user" ? getQuota().usage("submissions", subject) : null,
  ]);
  if (!runs) {
    return jsonError(503, "Your remaining runs cannot be looked up right now. Please try again in a moment.", {
      "retry-after": "30",
    });
  }
  return Response.json({ subject: subject.kind, runs, submissions }, { headers: { "cache-control": "no-store" } });
}
