import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isAlive, launchersAbove, whenLauncherGone } from "./launchers";

describe("watching the launchers above start-local (pnpm start, killed alone)", () => {
  it("calls back once a launcher above a process exits, and only then", async () => {
    // sh (a launcher) starts sh, which starts sleep: the outer sh is killed alone, as pnpm is.
    const outer = spawn("sh", ["-c", "sh -c 'sleep 60 & echo $!; wait'"], { detached: true });
    const sleeper = await new Promise<number>((resolve) =>
      outer.stdout.once("data", (data: Buffer) => resolve(Number(data.toString().trim()))),
    );
    const outerPid = outer.pid as number;
    try {
      const chain = launchersAbove(sleeper);
      expect(chain).toContain(outerPid);
      let gone = 0;
      whenLauncherGone(() => gone++, sleeper, 50);
      await new Promise((r) => setTimeout(r, 300));
      expect(gone).toBe(0);
      process.kill(outerPid, "SIGKILL");
      const deadline = Date.now() + 10_000;
      while (gone === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(gone).toBe(1);
      expect(isAlive(sleeper)).toBe(true);
    } finally {
      try {
        process.kill(-outerPid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  it("stops at init: an orphan has no launcher to watch", async () => {
    const orphanParent = spawn("sh", ["-c", "sleep 60 >/dev/null 2>&1 & echo $!"], { detached: true });
    const orphan = await new Promise<number>((resolve) =>
      orphanParent.stdout.once("data", (data: Buffer) => resolve(Number(data.toString().trim()))),
    );
    await new Promise((resolve) => orphanParent.once("exit", resolve));
    try {
      // Its sh is gone: its parent is now init (or a subreaper that is no launcher).
      expect(launchersAbove(orphan)).toEqual([]);
    } finally {
      process.kill(orphan, "SIGKILL");
    }
  });
});
