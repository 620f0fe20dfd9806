// The benchmark's two baselines: python3 on the host, and a naive fresh container per run with the runner's
// hardening flags (what a `docker run --rm` engine does).
import { execFile } from "node:child_process";
import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { containerSpec, type Docker, removeContainer } from "../src/docker";

/** Debian's interpreter, the same version as the sandbox's; a pyenv shim would add its own start-up. */
export const hostPython = "/usr/bin/python3";

export function runNative(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(hostPython, ["-c", code], { timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

export async function nativeHas(module: string): Promise<boolean> {
  return runNative(`import ${module}`).then(
    () => true,
    () => false,
  );
}

/** create, attach, start, wait, then remove: one fresh hardened container per run. */
export async function runNaive(docker: Docker, code: string): Promise<string> {
  const spec = containerSpec({
    language: "python",
    memoryMb: 128,
    warmupCpus: 0.5,
    labels: { "codeyard.mode": "bench-naive" },
  });
  const container = await docker.createContainer({
    ...spec,
    Entrypoint: ["python3"],
    Cmd: ["-c", code],
    OpenStdin: false,
    AttachStdin: false,
    HostConfig: { ...spec.HostConfig, Init: true },
  });
  try {
    const stream = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as IncomingMessage;
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on("data", (c: Buffer) => chunks.push(c));
    docker.modem.demuxStream(stream, stdout, new PassThrough());
    const ended = new Promise((resolve) => stream.on("end", resolve));
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    await ended;
    if (exit.StatusCode !== 0) throw new Error(`naive container exited ${exit.StatusCode}`);
    return Buffer.concat(chunks).toString();
  } finally {
    // Removal happens after the answer, as with `docker run --rm`; it still costs the machine its CPU.
    const removal = removeContainer(container).finally(() => removals.delete(removal));
    removals.add(removal);
  }
}

const removals = new Set<Promise<void>>();

export async function naiveSettled(): Promise<void> {
  while (removals.size > 0) await Promise.allSettled([...removals]);
}
