import "server-only";
import { env } from "@/env";
import type { MetricsPolicy } from "./metrics-access";

/** This deployment's metrics access: METRICS_TOKEN, or local mode on a loopback HOST. */
export const metricsPolicy: MetricsPolicy = {
  token: env.METRICS_TOKEN,
  local: !env.production,
  listenHost: env.HOST,
};
