import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sandboxImage, sandboxLanguages, sandboxUser } from "./index";

function docker(args: string[]): string {
  try {
    return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`docker ${args[0]} failed (is the engine running and \`pnpm sandbox:build\` done?): ${stderr}`);
  }
}

/** The runner's flags that matter here: no network, no capabilities, read-only root with a writable /tmp. */
const hardened = ["run", "--rm", "--network", "none", "--cap-drop", "ALL", "--read-only", "--tmpfs", "/tmp"];

describe.each(sandboxLanguages)("%s sandbox image", (language) => {
  const image = sandboxImage(language);

  it("is tagged with a version derived from its build context", () => {
    expect(image.tag).toMatch(new RegExp(`^codeyard/sandbox-${language}:[0-9a-f]{12}$`));
    expect(sandboxImage(language).tag).toBe(image.tag);
  });

  it("runs as the sandbox user, who is nobody on the host, with the shared supervisor as PID 1", () => {
    const config = JSON.parse(docker(["image", "inspect", image.tag, "--format", "{{json .Config}}"]));
    expect(config.User).toBe(`${sandboxUser.uid}:${sandboxUser.gid}`);
    expect(sandboxUser.uid).not.toBe(0);
    expect(sandboxUser.uid < 1000 || sandboxUser.uid > 1999).toBe(true);
    // Python, never Node: a Node PID 1 opens its inspector on SIGUSR1.
    expect(config.Entrypoint.slice(0, 5)).toEqual(["python3", "-u", "-E", "-s", "/opt/codeyard/supervisor.py"]);
  });

  it("contains no setuid or setgid programs", () => {
    // As root with its default capabilities inside the throwaway container, so find can read every directory.
    const args = ["--user", "0", "--entrypoint", "find", image.tag, "/", "-xdev", "-perm", "/6000", "-type", "f"];
    expect(docker(["run", "--rm", "--network", "none", ...args]).trim()).toBe("");
  });
});

describe("language runtimes", () => {
  it("python has Python 3.11, numpy, pandas and matplotlib", () => {
    const program = "import os, sys, numpy, pandas, matplotlib; print(os.getuid(), sys.version_info[:2])";
    const out = docker([...hardened, "--entrypoint", "python3", sandboxImage("python").tag, "-c", program]);
    expect(out.trim()).toBe(`${sandboxUser.uid} (3, 11)`);
  });

  it("python has Node.js 18 or newer too: a learner's one session sandbox runs both languages", () => {
    const tag = sandboxImage("python").tag;
    const version = docker([...hardened, "--entrypoint", "node", tag, "-p", "process.versions.node"]);
    expect(Number(version.split(".")[0])).toBeGreaterThanOrEqual(18);
  });

  it("node has Node.js 18 or newer, and Python 3.11 for its supervisor", () => {
    const tag = sandboxImage("node").tag;
    const version = docker([...hardened, "--entrypoint", "node", tag, "-p", "process.versions.node"]);
    expect(Number(version.split(".")[0])).toBeGreaterThanOrEqual(18);
    const python = docker([
      ...hardened,
      "--entrypoint",
      "python3",
      tag,
      "-c",
      "import sys; print(sys.version_info[:2])",
    ]);
    expect(python.trim()).toBe("(3, 11)");
  });
});

describe("image tags", () => {
  it("differ per language, each image built from its own Dockerfile", () => {
    const tags = sandboxLanguages.map((l) => sandboxImage(l).tag);
    expect(new Set(tags).size).toBe(sandboxLanguages.length);
    for (const language of sandboxLanguages) expect(sandboxImage(language).dockerfile).toBe(`${language}/Dockerfile`);
  });
});
