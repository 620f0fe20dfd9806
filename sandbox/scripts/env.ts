// Settings of the image build script.
import { z } from "zod";

const Env = z.object({
  // Base image to build on; found or made automatically when unset (see build.ts).
  SANDBOX_BASE: z.string().min(1).optional(),
});

export const env = Env.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
/** The environment docker inherits. */
export const inheritedEnv = process.env;
