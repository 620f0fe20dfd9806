// Trusted run figures: CPU time, memory and OOM kills read by the host from the container's cgroup,
// never from anything the sandbox says. Paths are built from Docker's container id only.
import { readFileSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";

export interface CgroupSample {
  cpuNs: number;
  memoryBytes: number;
  oomKills: number;
}

// cgroup files are tiny kernel-generated text: reading them synchronously takes microseconds and saves the
// thread-pool round trips on every run's critical path.
async function readNumber(path: string): Promise<number> {
  const text = readFileSync(path, "utf8").trim();
  if (!/^\d+$/.test(text)) throw new Error(`unexpected content in ${path}`);
  return Number(text);
}

async function readKey(path: string, key: string): Promise<number> {
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const [name, value] = line.split(" ");
    if (name === key && value !== undefined && /^\d+$/.test(value)) return Number(value);
  }
  throw new Error(`no ${key} in ${path}`);
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function firstDir(candidates: string[]): Promise<string | undefined> {
  for (const dir of candidates) if (await isDir(dir)) return dir;
  return undefined;
}

/** The cgroup of one running container, cgroup v1 (cgroupfs or systemd driver) or v2. */
export class ContainerCgroup {
  private constructor(
    private readonly version: 1 | 2,
    private readonly memoryDir: string,
    private readonly cpuDir: string,
    /** The cpu controller (quota, burst): its own hierarchy on some hosts, joined with cpuacct on others. */
    private readonly cpuControlDir: string | undefined,
  ) {}

  /** Host pids of every process in the container (its memory controller's cgroup.procs). */
  processIds(): number[] {
    return readFileSync(join(this.memoryDir, "cgroup.procs"), "utf8")
      .split("\n")
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
  }

  static async find(containerId: string, root = "/sys/fs/cgroup"): Promise<ContainerCgroup | undefined> {
    if (!/^[0-9a-f]{64}$/.test(containerId)) throw new Error("not a container id");
    const scopes = [join("docker", containerId), join("system.slice", `docker-${containerId}.scope`)];
    const memoryDir = await firstDir(scopes.map((s) => join(root, "memory", s)));
    const cpuDir = await firstDir(
      ["cpuacct", "cpu,cpuacct"].flatMap((controller) => scopes.map((s) => join(root, controller, s))),
    );
    const cpuControlDir = await firstDir(
      ["cpu", "cpu,cpuacct"].flatMap((controller) => scopes.map((s) => join(root, controller, s))),
    );
    if (memoryDir && cpuDir) return new ContainerCgroup(1, memoryDir, cpuDir, cpuControlDir);
    const unified = await firstDir(scopes.map((s) => join(root, s)));
    if (unified) return new ContainerCgroup(2, unified, unified, unified);
    return undefined;
  }

  async sample(): Promise<CgroupSample> {
    const [cpuNs, memoryBytes, oomKills] = await Promise.all([this.cpuNs(), this.memoryBytes(), this.oomKills()]);
    return { cpuNs, memoryBytes, oomKills };
  }

  cpuNs(): Promise<number> {
    if (this.version === 1) return readNumber(join(this.cpuDir, "cpuacct.usage"));
    return readKey(join(this.cpuDir, "cpu.stat"), "usage_usec").then((us) => us * 1000);
  }

  memoryBytes(): Promise<number> {
    return readNumber(join(this.memoryDir, this.version === 1 ? "memory.usage_in_bytes" : "memory.current"));
  }

  /** Peak usage since the last resetPeak (or since the container started). */
  peakBytes(): Promise<number> {
    return readNumber(join(this.memoryDir, this.version === 1 ? "memory.max_usage_in_bytes" : "memory.peak"));
  }

  /** Restarts peak tracking at the current usage; false where the kernel or our permissions do not allow it. */
  async resetPeak(): Promise<boolean> {
    try {
      writeFileSync(join(this.memoryDir, this.version === 1 ? "memory.max_usage_in_bytes" : "memory.peak"), "0");
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Lets the CFS quota carry up to `us` of unused time into a busy period, so a short run is not throttled
   * mid-way while sustained use stays at the quota. False where the kernel or our permissions do not allow it.
   */
  setCpuBurst(us: number): boolean {
    if (!this.cpuControlDir) return false;
    try {
      writeFileSync(join(this.cpuControlDir, this.version === 1 ? "cpu.cfs_burst_us" : "cpu.max.burst"), String(us));
      return true;
    } catch {
      return false;
    }
  }

  oomKills(): Promise<number> {
    if (this.version === 1) return readKey(join(this.memoryDir, "memory.oom_control"), "oom_kill");
    return readKey(join(this.memoryDir, "memory.events"), "oom_kill");
  }
}
