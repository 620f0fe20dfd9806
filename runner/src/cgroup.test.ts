import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContainerCgroup } from "./cgroup";

const id = "a".repeat(64);

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "cgroup-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe("ContainerCgroup", () => {
  it("reads cgroup v1 figures, split cpu and cpuacct hierarchies, cgroupfs driver", async () => {
    const root = tree({
      [`cpuacct/docker/${id}/cpuacct.usage`]: "1500000000\n",
      [`cpu/docker/${id}/cpu.cfs_burst_us`]: "0\n",
      [`memory/docker/${id}/memory.usage_in_bytes`]: "4096\n",
      [`memory/docker/${id}/memory.max_usage_in_bytes`]: "8192\n",
      [`memory/docker/${id}/memory.oom_control`]: "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n",
    });
    const cgroup = await ContainerCgroup.find(id, root);
    expect(await cgroup?.sample()).toEqual({ cpuNs: 1_500_000_000, memoryBytes: 4096, oomKills: 2 });
    expect(await cgroup?.peakBytes()).toBe(8192);
    expect(await cgroup?.resetPeak()).toBe(true);
    expect(readFileSync(join(root, `memory/docker/${id}/memory.max_usage_in_bytes`), "utf8")).toBe("0");
    expect(cgroup?.setCpuBurst(5000)).toBe(true);
    expect(readFileSync(join(root, `cpu/docker/${id}/cpu.cfs_burst_us`), "utf8")).toBe("5000");
  });

  it("reads cgroup v2 figures under the systemd driver's scope", async () => {
    const scope = `system.slice/docker-${id}.scope`;
    const root = tree({
      [`${scope}/cpu.stat`]: "usage_usec 2500\nuser_usec 2000\nsystem_usec 500\n",
      [`${scope}/memory.current`]: "1024\n",
      [`${scope}/memory.peak`]: "2048\n",
      [`${scope}/memory.events`]: "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n",
    });
    const cgroup = await ContainerCgroup.find(id, root);
    expect(await cgroup?.sample()).toEqual({ cpuNs: 2_500_000, memoryBytes: 1024, oomKills: 1 });
    expect(await cgroup?.peakBytes()).toBe(2048);
  });

  it("finds nothing for an unknown container and refuses anything but a container id", async () => {
    expect(await ContainerCgroup.find(id, tree({}))).toBeUndefined();
    await expect(ContainerCgroup.find("../../etc", tree({}))).rejects.toThrow("not a container id");
  });

  it("rejects content that is not a plain number", async () => {
    const root = tree({
      [`cpuacct/docker/${id}/cpuacct.usage`]: "12abc\n",
      [`memory/docker/${id}/memory.usage_in_bytes`]: "1\n",
    });
    const cgroup = await ContainerCgroup.find(id, root);
    await expect(cgroup?.cpuNs()).rejects.toThrow("unexpected content");
  });
});
