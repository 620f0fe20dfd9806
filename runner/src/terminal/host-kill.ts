// Ending a terminal from the host: SIGKILL every process of the shell's session, found in the container's
// cgroup (host pids) rather than by a command inside the sandbox, which a fork bomb at the pids limit would stop
// from starting. A process that left the session (setsid) is killed by the next run's cleanup or with the sandbox.
import { readFileSync } from "node:fs";
import { ContainerCgroup } from "../cgroup";

const deadlineMs = 3_000;

function sessionOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)?.trim().split(/\s+/);
    const sid = Number(fields?.[3]);
    return Number.isInteger(sid) ? sid : undefined;
  } catch {
    return undefined;
  }
}

/** True once no process of the session is left; false when the host may not do it (then the caller falls back). */
export async function killSessionFromHost(containerId: string, shellHostPid: number): Promise<boolean> {
  const cgroup = await ContainerCgroup.find(containerId).catch(() => undefined);
  if (!cgroup) return false;
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    let victims: number[];
    try {
      victims = cgroup.processIds().filter((pid) => pid === shellHostPid || sessionOf(pid) === shellHostPid);
    } catch {
      return false;
    }
    if (victims.length === 0) return true;
    for (const pid of victims) {
      try {
        process.kill(pid, "SIGKILL");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EPERM") return false;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return false;
}
