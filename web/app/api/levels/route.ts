import { loadCurriculum } from "@/lib/curriculum/load";
import { jsonError } from "@/lib/server/http";

// GET /api/levels?ageGroup=8-11 - levels and lessons of an age group (content only: no database needed)
export async function GET(request: Request) {
  const ageGroup = new URL(request.url).searchParams.get("ageGroup");
  const groups = loadCurriculum().groups;
  const group = groups.find((g) => g.id === ageGroup);
  if (!group) return jsonError(404, `Unknown age group. Use one of: ${groups.map((g) => g.id).join(", ")}.`);
  const body = {
    ageGroup: group.id,
    title: group.title,
    levels: group.levels.map((l) => ({
      id: l.id,
      title: l.title,
      description: l.description,
      exercises: l.exercises.map((e) => ({ id: e.id, title: e.title, summary: e.summary })),
    })),
  };
  // Content changes only with a deploy; browsers and the CDN may keep it 5 minutes.
  return Response.json(body, { headers: { "cache-control": "public, max-age=300, s-maxage=300" } });
}
