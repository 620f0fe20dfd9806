// `docker exec` into a session sandbox as the sandbox user: the terminal's shell (with a TTY) and short helper
// commands (file sync). An exec'd process gets every limit of the container (cgroup, pids, seccomp, no new
// privileges, dropped capabilities, no network); it cannot drive PID 1, which is non-dumpable and ignores signals.
import { readFile } from "node:fs/promises";
import { type Duplex, PassThrough } from "node:stream";
import { sandboxUser } from "@codeyard/sandbox";
import type { TerminalSize } from "../contract/terminal";
import type { Docker } from "../docker";

const user = `${sandboxUser.uid}:${sandboxUser.gid}`;
const shellEnv = ["TERM=xterm-256color", "COLORTERM=truecolor", "HOME=/workspace", "LANG=C.UTF-8", "SHELL=/bin/bash"];

export interface Shell {
  stream: Duplex;
  resize(size: TerminalSize): Promise<void>;
  /** The shell's pid on the host and inside the sandbox (for killing its session). */
  pids(): Promise<{ host: number; inner: number | undefined } | undefined>;
  exitCode(): Promise<number | null>;
}

export async function openShell(container: Docker.Container, size: TerminalSize): Promise<Shell> {
  const exec = await container.exec({
    Cmd: ["/bin/bash", "-i"],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    User: user,
    WorkingDir: "/workspace",
    Env: shellEnv,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  const shell: Shell = {
    stream,
    resize: async ({ rows, cols }) => {
      await exec.resize({ h: rows, w: cols });
    },
    pids: async () => {
      const info = await exec.inspect();
      if (!info.Pid) return undefined;
      // The host's /proc names the pid in each namespace: "NSpid:\t<host>\t<inner>".
      const status = await readFile(`/proc/${info.Pid}/status`, "utf8").catch(() => "");
      const inner = Number(/^NSpid:\s.*\s(\d+)\s*$/m.exec(status)?.[1]);
      return { host: info.Pid, inner: Number.isInteger(inner) && inner > 1 ? inner : undefined };
    },
    exitCode: async () => {
      const info = await exec.inspect().catch(() => undefined);
      return info?.ExitCode ?? null;
    },
  };
  await shell.resize(size).catch(() => {});
  return shell;
}

export interface ExecResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** Output went past maxBytes: stdout is cut there. */
  overflowed: boolean;
}

/** Runs a command to its end, stdin given, output capped; what it prints is untrusted. */
export async function execCollect(
  docker: Docker,
  container: Docker.Container,
  cmd: string[],
  opts: { stdin?: string; maxBytes: number; timeoutMs: number },
): Promise<ExecResult> {
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdin: opts.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    User: user,
    WorkingDir: "/workspace",
    Env: ["LANG=C.UTF-8", "PYTHONDONTWRITEBYTECODE=1"],
  });
  const stream = (await exec.start({ hijack: true, stdin: opts.stdin !== undefined })) as Duplex;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let errBytes = 0;
  let overflowed = false;
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (chunk: Buffer) => {
    if (outBytes + chunk.length > opts.maxBytes) {
      overflowed = true;
      stream.destroy();
      return;
    }
    out.push(chunk);
    outBytes += chunk.length;
  });
  stderr.on("data", (chunk: Buffer) => {
    if (errBytes < 4096) err.push(chunk);
    errBytes += chunk.length;
  });
  docker.modem.demuxStream(stream, stdout, stderr);
  const done = new Promise<void>((resolve) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", resolve);
  });
  if (opts.stdin !== undefined) stream.end(opts.stdin);
  const timer = setTimeout(() => stream.destroy(), opts.timeoutMs);
  await done;
  clearTimeout(timer);
  const info = await exec.inspect().catch(() => undefined);
  return {
    code: info && !info.Running ? (info.ExitCode ?? null) : null,
    stdout: Buffer.concat(out),
    stderr: Buffer.concat(err).toString("utf8").slice(0, 4096),
    overflowed,
  };
}
