import "server-only";
import { env } from "@/env";
import type { ClientAddress } from "@/lib/security/client-address";
import { logger } from "@/lib/server/logger";
import { getWindows } from "@/lib/server/quota";
import { type AuthLimits, createAuthLimits } from "./limits";

const store = globalThis as typeof globalThis & { __codeyardAuthLimits?: AuthLimits };

/** Sign-up and sign-in limits on this process's quota store. */
export function getAuthLimits(): AuthLimits {
  store.__codeyardAuthLimits ??= createAuthLimits({
    windows: getWindows(),
    logger,
    config: {
      signUpsPerIpPerHour: env.AUTH_SIGNUPS_PER_IP_PER_HOUR,
      failuresPerName: env.AUTH_SIGNIN_FAILURES_PER_NAME,
      failuresPerIp: env.AUTH_SIGNIN_FAILURES_PER_IP,
    },
  });
  return store.__codeyardAuthLimits;
}

/** The key an address is limited under. Visitors whose address cannot be believed share one (fail safe). */
export function addressKey(address: ClientAddress): string {
  if (address.kind === "ip") return address.ip;
  return address.kind === "local" ? "local" : "unidentified";
}
