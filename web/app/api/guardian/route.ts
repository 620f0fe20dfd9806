import { approveGuardian } from "@codeyard/drizzle";
import { z } from "zod";
import { hashToken } from "@/lib/reviews/guardian";
import { jsonError, readBody } from "@/lib/server/http";
import { getDb } from "@/lib/server/services";

const Body = z.object({ token: z.string().min(20).max(100) });

// POST /api/guardian - a grown-up approves reviews for their child with the token from the emailed link
export async function POST(request: Request) {
  const body = await readBody(request, Body, 1024);
  if (!body.ok) return body.response;
  const approved = await approveGuardian(await getDb(), hashToken(body.data.token));
  if (!approved) return jsonError(404, "This link is not valid. Ask your child to send a new one.");
  return Response.json(approved);
}
