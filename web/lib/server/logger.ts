import { randomUUID } from "node:crypto";
import pino from "pino";
import { env } from "@/env";

export const logger = pino({ level: env.LOG_LEVEL, base: { service: "web" } });

/** A child logger carrying the caller's x-request-id, or a fresh one. */
export function requestLogger(request: Request, route: string) {
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  return { requestId, log: logger.child({ requestId, route }) };
}
