import { createUser, UsernameTakenError } from "@codeyard/drizzle";
import { hashPassword } from "@/lib/auth/password";
import { addressKey, getAuthLimits } from "@/lib/auth/server-limits";
import { SignUpBody } from "@/lib/auth/sign-up";
import { jsonError, readJson } from "@/lib/server/http";
import { requestLogger } from "@/lib/server/logger";
import { clientAddressOf } from "@/lib/server/quota";
import { getDb } from "@/lib/server/services";

// POST /api/account - sign up with a name, a password and an age group
export async function POST(request: Request) {
  const { log } = requestLogger(request, "POST /api/account");
  const body = await readJson(request, 4096);
  if (!body.ok) return body.response;
  const input = SignUpBody.safeParse(body.value);
  // The schema's messages are whole sentences written for learners.
  if (!input.success) return jsonError(400, input.error.issues.map((i) => i.message).join(" "));
  // Counted before the hash (19 MiB of argon2) and the insert.
  const allowed = await getAuthLimits().signUp(addressKey(clientAddressOf(request.headers)));
  if (!allowed.ok) return jsonError(429, allowed.message, { "retry-after": String(allowed.retryAfterSeconds) });
  try {
    const user = await createUser(await getDb(), {
      username: input.data.username,
      passwordHash: await hashPassword(input.data.password),
      ageGroup: input.data.ageGroup,
    });
    log.info({ userId: user.id }, "account created");
    return Response.json({ id: user.id, username: user.username, ageGroup: user.ageGroup }, { status: 201 });
  } catch (error) {
    if (error instanceof UsernameTakenError) return jsonError(409, error.message);
    log.error({ err: error }, "could not create account");
    return jsonError(503, "Accounts cannot be created right now. Please try again in a moment.");
  }
}
