import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sandboxImage } from "./index";

function docker(args: string[]): string {
  try {
    return execFileSync("docker", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`docker ${args[0]} failed (is the engine running and \`pnpm sandbox:build\` done?): ${stderr}`);
  }
}

describe("python sandbox image", () => {
  const image = sandboxImage("python");

  it("is tagged with a version derived from its build context", () => {
    expect(image.tag).toMatch(/^codeyard\/sandbox-python:[0-9a-f]{12}$/);
    expect(sandboxImage("python").tag).toBe(image.tag);
  });

  it("runs as an unprivileged user with Python 3.11, numpy, pandas and matplotlib", () => {
    const config = JSON.parse(docker(["image", "inspect", image.tag, "--format", "{{json .Config}}"]));
    expect(config.User).toBe("1000:1000");
    const out = docker([
      "run",
      "--pull",
      "never",
      "--rm",
      "--network",
      "none",
      "--cap-drop",
      "ALL",
      "--read-only",
      "--entrypoint",
      "python3",
      image.tag,
      "-c",
      "import os, sys, numpy, pandas, matplotlib; print(os.getuid(), sys.version_info[:2])",
    ]);
    expect(out.trim()).toBe("1000 (3, 11)");
  });

  it("contains no setuid or setgid programs", () => {
    const out = docker([
      "run",
      "--pull",
      "never",
      "--rm",
      "--network",
      "none",
      "--entrypoint",
      "find",
      image.tag,
      "/",
      "-xdev",
      "-perm",
      "/6000",
      "-type",
      "f",
    ]);
    expect(out.trim()).toBe("");
  });
});
