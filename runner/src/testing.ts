// Test support: the runner's tests use the real Docker engine and fail loudly when it is not there.
import { expect } from "vitest";
import type { RunRequest, RunResult } from "./contract";
import { languages } from "./languages";
import { checkSandbox, createDocker, listRunnerContainers, runInSandbox } from "./sandbox";

export const docker = createDocker();
export const image = languages.python.image;

let ready: Promise<void> | undefined;

/** Throws with the command that fixes it when Docker is down or the image is not built. */
export function requireSandbox(): Promise<void> {
  ready ??= checkSandbox(docker, image).then((health) => {
    if (!health.ok)
      throw new Error(`runner tests need a running Docker engine and the sandbox image: ${health.reason}`);
  });
  return ready;
}

let counter = 0;
export function uniqueId(name: string): string {
  counter++;
  return `test-${process.pid}-${counter}-${name}`;
}

/** Runs one Python program for real and checks its container is gone afterwards. */
export async function runPython(
  files: RunRequest["files"] | string,
  extra: Partial<Pick<RunRequest, "stdin" | "limits">> = {},
  signal?: AbortSignal,
): Promise<RunResult> {
  await requireSandbox();
  const id = uniqueId("run");
  const request: RunRequest = {
    id,
    language: "python",
    files: typeof files === "string" ? [{ path: "main.py", content: files }] : files,
    ...extra,
  };
  const result = await runInSandbox(docker, request, { signal });
  expect(result.id).toBe(id);
  expect(await listRunnerContainers(docker, id)).toEqual([]);
  return result;
}

export async function ownContainers() {
  return (await listRunnerContainers(docker)).filter((c) => c.ownerPid === process.pid);
}
