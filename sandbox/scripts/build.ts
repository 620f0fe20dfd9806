// Builds each sandbox image unless its content-versioned tag is already present (--force rebuilds).
// Base image: $SANDBOX_BASE, else debian:bookworm-slim if present or pullable, else one made
// from Debian packages with mmdebstrap (for machines that reach no container registry).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sandboxImage, sandboxLanguages } from "../src/index";
import { env, inheritedEnv } from "./env";

const force = process.argv.includes("--force");
const localBase = "local/debian:bookworm";

function run(cmd: string, args: string[], opts: { quiet?: boolean; input?: Buffer } = {}) {
  const result = spawnSync(cmd, args, {
    stdio: opts.quiet ? "pipe" : ["pipe", "inherit", "inherit"],
    input: opts.input,
    env: { ...inheritedEnv, DOCKER_BUILDKIT: "0" },
    maxBuffer: 1024 * 1024 * 1024,
  });
  return result.status === 0;
}

function fail(message: string): never {
  console.error(`sandbox build: ${message}`);
  process.exit(1);
}

function imageExists(tag: string) {
  return run("docker", ["image", "inspect", tag], { quiet: true });
}

function resolveBase(): string {
  const fromEnv = env.SANDBOX_BASE;
  if (fromEnv) return fromEnv;
  if (imageExists("debian:bookworm-slim")) return "debian:bookworm-slim";
  if (imageExists(localBase)) return localBase;
  if (run("docker", ["pull", "debian:bookworm-slim"], { quiet: true })) return "debian:bookworm-slim";
  console.log(`sandbox build: no registry reachable; making ${localBase} from Debian packages (mmdebstrap)`);
  const rootfs = spawnSync("mmdebstrap", ["--variant=minbase", "bookworm", "-"], {
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (rootfs.status !== 0 || !rootfs.stdout) {
    fail("mmdebstrap failed or is missing: install it with `apt-get install -y mmdebstrap`, or set SANDBOX_BASE");
  }
  if (!run("docker", ["import", "-", localBase], { quiet: true, input: rootfs.stdout })) fail("docker import failed");
  return localBase;
}

if (!run("docker", ["info"], { quiet: true })) {
  fail("the Docker engine is not reachable. Start it (see README, Troubleshooting) and try again.");
}

let base: string | undefined;
for (const language of sandboxLanguages) {
  const image = sandboxImage(language);
  if (!force && imageExists(image.tag)) {
    console.log(`sandbox build: ${image.tag} is present`);
    continue;
  }
  base ??= resolveBase();
  console.log(`sandbox build: building ${image.tag} from ${base}`);
  const args = ["build", "--network", "host", "--build-arg", `BASE=${base}`, "-t", image.tag];
  args.push("-f", join(image.context, image.dockerfile), image.context);
  if (!run("docker", args)) fail(`docker build of ${image.tag} failed`);
}
