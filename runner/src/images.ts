// Sandbox images from a registry: with SANDBOX_REGISTRY set, a missing image is pulled by its content-hashed
// tag (the one CI publishes, see .github/workflows/sandbox-images.yml) and tagged with the local name.
import type { Logger } from "pino";
import type { Docker } from "./docker";

/** `ghcr.io/acme` + `codeyard/sandbox-python:0d8741ff8600` → `ghcr.io/acme/codeyard/sandbox-python:0d8741ff8600`. */
export function registryReference(registry: string, tag: string): string {
  return `${registry.replace(/\/+$/, "")}/${tag}`;
}

async function present(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Pulls each missing image from `registry`; throws with the reference and the engine's reason when one fails. */
export async function pullMissingImages(
  docker: Docker,
  registry: string,
  tags: string[],
  log?: Logger,
): Promise<string[]> {
  const pulled: string[] = [];
  for (const tag of tags) {
    if (await present(docker, tag)) continue;
    const reference = registryReference(registry, tag);
    log?.info({ reference }, "pulling a missing sandbox image");
    try {
      const stream = await docker.pull(reference);
      await new Promise<void>((resolve, reject) =>
        docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      throw new Error(`could not pull ${reference}: ${(error as Error).message}`);
    }
    const [repo, version] = [tag.slice(0, tag.lastIndexOf(":")), tag.slice(tag.lastIndexOf(":") + 1)];
    await docker.getImage(reference).tag({ repo, tag: version });
    pulled.push(reference);
  }
  return pulled;
}
