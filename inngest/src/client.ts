import { Inngest } from "inngest";
import { env } from "./env";
import { logger } from "./logger";

export const inngest = new Inngest({
  id: "codeyard",
  isDev: env.inngestDev,
  baseUrl: env.inngestBaseUrl,
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  logger,
});
