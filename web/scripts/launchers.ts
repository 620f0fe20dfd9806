// pnpm does not pass SIGTERM on to the program it started: `kill <pid of pnpm start>` ends pnpm alone and leaves
// start-local, the runner and the web app serving. So start-local watches the chain of launchers above it (pnpm,
// the `sh -c` of a package script, tsx: node and sh processes, up to the first other one or init) and stops
// everything once one of them is gone.
import { spawnSync } from "node:child_process";

/** Processes that only launch the next one down: a package manager, a script's shell, a loader. */
const launchers = new Set(["node", "sh", "dash", "pnpm", "npm", "tsx"]);

/** The parent and command name of `pid`, from `ps` (Linux and macOS); undefined once it is gone. */
function parentOf(pid: number): { ppid: number; comm: string } | undefined {
  const found = spawnSync("ps", ["-o", "ppid=,comm=", "-p", String(pid)], { encoding: "utf8" });
  const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(found.stdout ?? "");
  return match ? { ppid: Number(match[1]), comm: (match[2] as string).split("/").pop() as string } : undefined;
}

/** The launchers above `pid`: its parent, that one's parent, ... while they are launchers (never init). */
export function launchersAbove(pid: number): number[] {
  const chain: number[] = [];
  for (let current = pid; chain.length < 32; ) {
    const parent = parentOf(current)?.ppid;
    if (parent === undefined || parent <= 1) break;
    const comm = parentOf(parent)?.comm;
    if (comm === undefined || !launchers.has(comm)) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Calls `onGone` once any launcher above `pid` has exited; answers a function that stops watching. */
export function whenLauncherGone(onGone: () => void, pid = process.pid, everyMs = 1_000): () => void {
  const chain = launchersAbove(pid);
  if (chain.length === 0) return () => {};
  const timer = setInterval(() => {
    if (chain.every(isAlive)) return;
    clearInterval(timer);
    onGone();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
