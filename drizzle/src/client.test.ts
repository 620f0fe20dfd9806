import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { createExecution, getExecution } from "./queries/executions";

describe("embedded PGlite database", () => {
  it("applies migrations and keeps data across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "codeyard-pglite-"));
    try {
      const first = createDb({ pgliteDir: dir });
      await first.migrate();
      const { id } = await createExecution(first.db, { language: "python", files: [{ path: "a.py", content: "x" }] });
      await first.close();

      const second = createDb({ pgliteDir: dir });
      await second.migrate();
      expect((await getExecution(second.db, id))?.files).toEqual([{ path: "a.py", content: "x" }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
