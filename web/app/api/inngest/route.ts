import { inngest, inngestEnv } from "@codeyard/inngest";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { env } from "@/env";
import { servePolicy } from "@/lib/inngest/serve-policy";
import { jsonError } from "@/lib/server/http";
import { getDispatcher } from "@/lib/server/services";

const policy = servePolicy({ mode: inngestEnv.dispatchMode, dev: inngestEnv.inngestDev, host: env.HOST });
const handlers = policy.serve
  ? serve({ client: inngest, functions: getDispatcher().functions, serveOrigin: inngestEnv.serveOrigin })
  : undefined;

type Ctx = { params: Promise<Record<string, string>> };
const refuse = () => (policy.serve ? jsonError(500, "unreachable") : jsonError(policy.status, policy.message));

// GET|POST|PUT /api/inngest - Inngest's endpoint: introspection, registration and step execution
export const GET = (request: NextRequest, ctx: Ctx) => (handlers ? handlers.GET(request, ctx) : refuse());
export const POST = (request: NextRequest, ctx: Ctx) => (handlers ? handlers.POST(request, ctx) : refuse());
export const PUT = (request: NextRequest, ctx: Ctx) => (handlers ? handlers.PUT(request, ctx) : refuse());
