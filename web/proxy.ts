import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/env";
import { checkStateChange } from "@/lib/security/same-origin";

const siteOrigin = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).origin : undefined;

// Next 16's proxy (formerly middleware), on Node: state-changing /api requests must be same-origin JSON.
export function proxy(request: NextRequest) {
  const refusal = checkStateChange(
    { method: request.method, pathname: request.nextUrl.pathname, headers: request.headers },
    { siteOrigin },
  );
  if (refusal) return NextResponse.json({ error: refusal.message }, { status: refusal.status });
  return NextResponse.next();
}

// Every path but static files: the check itself decides what is /api, whatever the spelling of the path.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
