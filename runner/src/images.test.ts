import { describe, expect, it } from "vitest";
import { pullMissingImages, registryReference } from "./images";
import { languages } from "./languages";
import { docker, requireSandbox } from "./testing";

// No registry is reachable here, so a real pull is not tested: only the reference and the failure path.
describe("sandbox images from a registry", () => {
  it("builds the reference from the registry and the content-hashed tag", () => {
    const tag = languages.python.image;
    expect(registryReference("ghcr.io/acme", tag)).toBe(`ghcr.io/acme/${tag}`);
    expect(registryReference("ghcr.io/acme/", tag)).toBe(`ghcr.io/acme/${tag}`);
    expect(registryReference("127.0.0.1:5000", "codeyard/sandbox-node:05f219e64709")).toBe(
      "127.0.0.1:5000/codeyard/sandbox-node:05f219e64709",
    );
  });

  it("pulls nothing when the images are present", async () => {
    await requireSandbox();
    const tags = Object.values(languages).map((l) => l.image);
    expect(await pullMissingImages(docker, "127.0.0.1:3199", tags)).toEqual([]);
  });

  it("says which reference failed when a missing image cannot be pulled", async () => {
    // Nothing listens on this loopback port: the engine's pull fails at once.
    await expect(pullMissingImages(docker, "127.0.0.1:3199", ["codeyard/sandbox-python:missing"])).rejects.toThrow(
      "could not pull 127.0.0.1:3199/codeyard/sandbox-python:missing",
    );
  }, 60_000);
});
