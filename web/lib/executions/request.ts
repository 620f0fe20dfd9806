import { maxFileBytes, maxStdinBytes, RunnerLanguage } from "@codeyard/runner/contract";
import { z } from "zod";

/** The page watches the run live and types its input into the output panel (only without fixed stdin). */
export const Interactive = z.boolean({ error: "interactive must be true or false" }).optional();

const kib = (bytes: number) => `${bytes / 1024} KiB`;

/** Body of POST /api/executions. */
export const CreateExecutionBody = z.object({
  language: RunnerLanguage,
  code: z
    .string({ error: "code must be a string" })
    .refine((c) => c.trim().length > 0, "code is empty: write a program first")
    .refine((c) => Buffer.byteLength(c) <= maxFileBytes, `code is larger than ${kib(maxFileBytes)}`),
  stdin: z
    .string({ error: "stdin must be a string" })
    .refine((s) => Buffer.byteLength(s) <= maxStdinBytes, `stdin is larger than ${kib(maxStdinBytes)}`)
    .optional(),
  interactive: Interactive,
});
export type CreateExecutionBody = z.infer<typeof CreateExecutionBody>;

/** Largest body read before parsing: code and stdin at their limits, JSON-escaped, with room to spare. */
export const maxBodyBytes = 6 * (maxFileBytes + maxStdinBytes);
