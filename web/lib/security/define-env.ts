// The one way a package reads its environment: @t3-oss/env-core over zod, where an empty variable (copied
// from .env.example) means unset so its default applies, and a bad value stops the process at start-up
// with one line per problem. Copy this file into another package rather than importing it across packages.
import { createEnv, type StandardSchemaV1 } from "@t3-oss/env-core";
import { z } from "zod";

type Source = Record<string, string | undefined>;

/** One line per problem: `- NAME: what is wrong`. */
export function describeEnvIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  return issues
    .map((issue) => {
      const name = (issue.path ?? []).map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".");
      return name ? `- ${name}: ${issue.message}` : `- ${issue.message}`;
    })
    .join("\n");
}

/**
 * Parses `source` (default: process.env) against `shape`. `check` adds rules across variables
 * (`ctx.addIssue({ code: "custom", path: ["NAME"], message })`). Throws `Invalid <what> configuration: ...`.
 */
export function defineEnv<TShape extends z.ZodRawShape>(options: {
  what: string;
  shape: TShape;
  check?: (env: z.output<z.ZodObject<TShape>>, ctx: z.RefinementCtx) => void;
  source?: Source;
}): Readonly<z.output<z.ZodObject<TShape>>> {
  const { what, shape, check } = options;
  const parsed = createEnv({
    server: shape,
    // A copy: emptyStringAsUndefined deletes the empty keys from the object it is given.
    runtimeEnv: { ...(options.source ?? process.env) },
    emptyStringAsUndefined: true,
    isServer: true,
    createFinalSchema: (fields) => z.object(fields).superRefine((env, ctx) => check?.(env as never, ctx)),
    onValidationError: (issues) => {
      throw new Error(`Invalid ${what} configuration:\n${describeEnvIssues(issues)}`);
    },
  });
  return parsed as unknown as Readonly<z.output<z.ZodObject<TShape>>>;
}

/** An on/off variable: 1/true/yes/on or 0/false/no/off. */
export const flag = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], { error: "use 1 or 0" })
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes" || v === "on");

/** A count with a default. */
export const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
