import type { Execution } from "@codeyard/drizzle";

/** What GET /api/executions/:id answers: no files, stdin or owner. */
export function toExecutionView(row: Execution) {
  return {
    id: row.id,
    status: row.status,
    stdout: row.stdout,
    stderr: row.stderr,
    exitCode: row.exitCode,
    signal: row.signal,
    wallMs: row.wallMs,
    truncated: row.truncated,
    cpuMs: row.cpuMs,
    memoryKib: row.memoryKib,
    images: row.images,
    error: row.status === "internal_error" ? row.error : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
export type ExecutionView = ReturnType<typeof toExecutionView>;
