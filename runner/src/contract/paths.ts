// The one rule for file paths in every request: relative, no '.', '..' or empty segments, no NUL/newline/backslash.
import { z } from "zod";

export const FilePath = z
  .string()
  .min(1, "file path is empty")
  .max(200, "file path is longer than 200 characters")
  .refine((p) => !p.startsWith("/"), "file path must be relative")
  .refine((p) => !/[\0\n\r\\]/.test(p), "file path contains a NUL, newline or backslash")
  .refine((p) => p.split("/").every((part) => part !== "" && part !== "." && part !== ".."), {
    message: "file path must not contain empty, '.' or '..' segments",
  });
