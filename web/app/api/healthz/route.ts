import { pingDb } from "@codeyard/drizzle";
import { createRunnerClient } from "@codeyard/inngest";
import { getDb } from "@/lib/server/services";

export const dynamic = "force-dynamic";

// GET /api/healthz - database and runner reachable
export async function GET() {
  const [database, runner] = await Promise.all([
    getDb()
      .then(pingDb)
      .then(() => true)
      .catch(() => false),
    createRunnerClient().healthy(),
  ]);
  const ok = database && runner;
  return Response.json({ ok, database, runner }, { status: ok ? 200 : 503 });
}
