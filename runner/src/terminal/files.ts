// The sandbox's /workspace seen from the host, for keeping it in step with the learner's saved workspace: a
// manifest (path, sha256, size), the contents of some files, and writes. Each is a short python3 program run
// with `docker exec` as the sandbox user; whatever it prints is untrusted and parsed against the contract.
import { createHash } from "node:crypto";
import {
  TerminalFileEntry as Entry,
  maxTerminalFileBytes,
  maxTerminalFiles,
  type TerminalFileEntry,
  TerminalReadResult,
  type TerminalWriteRequest,
  terminalTagFile,
} from "../contract/terminal";
import type { Docker } from "../docker";
import { execCollect } from "./exec";

const timeoutMs = 15_000;
/** Folders never synced: caches and installed packages, not the learner's work. */
const skipped = ["__pycache__", "node_modules", ".git", ".cache", ".npm", ".local", ".config"];

const manifestScript = `
import hashlib, json, os, sys
MAX, CAP, SKIP = ${maxTerminalFiles}, ${maxTerminalFileBytes}, set(${JSON.stringify(skipped)})
out, truncated = [], False
for root, dirs, files in os.walk("/workspace"):
    dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith(".codeyard"))
    for name in sorted(files):
        if name.startswith(".codeyard"):
            continue
        path = os.path.join(root, name)
        rel = os.path.relpath(path, "/workspace")
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if not (st.st_mode & 0o170000 == 0o100000):
            continue
        if len(out) >= MAX:
            truncated = True
            break
        digest = None
        if st.st_size <= CAP:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                with os.fdopen(fd, "rb") as f:
                    data = f.read(CAP + 1)
                data.decode("utf-8")
                if len(data) <= CAP:
                    digest = hashlib.sha256(data).hexdigest()
            except (OSError, UnicodeDecodeError):
                pass
        out.append({"path": rel, "sha256": digest, "size": st.st_size})
tag = None
try:
    fd = os.open("/workspace/${terminalTagFile}", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        tag = f.read(101).decode("utf-8")
except (OSError, UnicodeDecodeError):
    pass
json.dump({"files": out, "truncated": truncated, "tag": tag}, sys.stdout)
`;

const readScript = `
import json, os, sys
CAP = ${maxTerminalFileBytes}
out = []
for rel in json.load(sys.stdin):
    try:
        fd = os.open(os.path.join("/workspace", rel), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            data = f.read(CAP + 1)
        if len(data) <= CAP:
            out.append({"path": rel, "content": data.decode("utf-8")})
    except (OSError, UnicodeDecodeError):
        pass
json.dump({"files": out}, sys.stdout)
`;

const writeScript = `
import json, os, sys
req = json.load(sys.stdin)
def parent_fd(parts, create):
    fd = os.open("/workspace", os.O_RDONLY | os.O_DIRECTORY)
    for part in parts[:-1]:
        if create:
            try:
                os.mkdir(part, 0o755, dir_fd=fd)
            except FileExistsError:
                pass
        nxt = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        os.close(fd)
        fd = nxt
    return fd
failed = []
for rel in req["remove"]:
    parts = rel.split("/")
    try:
        fd = parent_fd(parts, False)
        try:
            os.unlink(parts[-1], dir_fd=fd)
        finally:
            os.close(fd)
    except FileNotFoundError:
        pass
    except OSError:
        failed.append(rel)
for item in req["write"]:
    parts = item["path"].split("/")
    try:
        fd = parent_fd(parts, True)
        try:
            tmp = ".codeyard-" + parts[-1][:100]
            out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644, dir_fd=fd)
            with os.fdopen(out, "wb") as f:
                f.write(item["content"].encode("utf-8"))
            os.rename(tmp, parts[-1], src_dir_fd=fd, dst_dir_fd=fd)
        finally:
            os.close(fd)
    except OSError:
        failed.append(item["path"])
if req.get("tag"):
    fd = os.open("/workspace", os.O_RDONLY | os.O_DIRECTORY)
    try:
        out = os.open("${terminalTagFile}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644, dir_fd=fd)
        with os.fdopen(out, "wb") as f:
            f.write(req["tag"].encode("utf-8"))
    except OSError:
        pass
    finally:
        os.close(fd)
json.dump({"failed": failed}, sys.stdout)
`;

export class SandboxFilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxFilesError";
  }
}

function parseJson(stdout: Buffer, what: string): unknown {
  try {
    return JSON.parse(stdout.toString("utf8"));
  } catch {
    throw new SandboxFilesError(`the sandbox sent a malformed ${what}`);
  }
}

/** Every regular file under /workspace (skipping caches), by path; entries that break the contract are dropped. */
export async function listSandboxFiles(
  docker: Docker,
  container: Docker.Container,
): Promise<{ files: TerminalFileEntry[]; truncated: boolean; tag: string | null }> {
  const result = await execCollect(docker, container, ["python3", "-I", "-c", manifestScript], {
    maxBytes: 256 * 1024,
    timeoutMs,
  });
  if (result.code !== 0) throw new SandboxFilesError(`listing the sandbox's files failed: ${result.stderr.trim()}`);
  const raw = parseJson(result.stdout, "file list") as { files?: unknown; truncated?: unknown; tag?: unknown };
  const files = Array.isArray(raw.files) ? raw.files.slice(0, maxTerminalFiles) : [];
  return {
    files: files.flatMap((entry) => {
      const parsed = Entry.safeParse(entry);
      return parsed.success ? [parsed.data] : [];
    }),
    truncated: raw.truncated === true,
    tag: typeof raw.tag === "string" && raw.tag.length <= 100 ? raw.tag : null,
  };
}

/** The text of these files; a file gone, too large or not UTF-8 is left out. Contents are checked, not trusted. */
export async function readSandboxFiles(
  docker: Docker,
  container: Docker.Container,
  paths: string[],
): Promise<TerminalReadResult> {
  const result = await execCollect(docker, container, ["python3", "-I", "-c", readScript], {
    stdin: JSON.stringify(paths),
    maxBytes: maxTerminalFiles * maxTerminalFileBytes * 2,
    timeoutMs,
  });
  if (result.code !== 0) throw new SandboxFilesError(`reading the sandbox's files failed: ${result.stderr.trim()}`);
  const parsed = TerminalReadResult.safeParse(parseJson(result.stdout, "file read"));
  if (!parsed.success) throw new SandboxFilesError("the sandbox sent a malformed file read");
  const asked = new Set(paths);
  return {
    files: parsed.data.files.filter((f) => asked.has(f.path) && Buffer.byteLength(f.content) <= maxTerminalFileBytes),
  };
}

/** Writes and removes files under /workspace; the paths it could not write or remove. */
export async function writeSandboxFiles(
  docker: Docker,
  container: Docker.Container,
  request: Pick<TerminalWriteRequest, "write" | "remove" | "tag">,
): Promise<string[]> {
  const result = await execCollect(docker, container, ["python3", "-I", "-c", writeScript], {
    stdin: JSON.stringify(request),
    maxBytes: 64 * 1024,
    timeoutMs,
  });
  if (result.code !== 0) throw new SandboxFilesError(`writing the sandbox's files failed: ${result.stderr.trim()}`);
  const raw = parseJson(result.stdout, "write answer") as { failed?: unknown };
  return Array.isArray(raw.failed) ? raw.failed.filter((p): p is string => typeof p === "string") : [];
}

/** Kills every process of a shell's session (and, with `all`, every process the sandbox user has). */
export async function killInSandbox(
  docker: Docker,
  container: Docker.Container,
  target: { session: number } | "all",
): Promise<void> {
  const script =
    target === "all"
      ? "import os, signal\nfor _ in range(50):\n    try:\n        os.kill(-1, signal.SIGKILL)\n    except ProcessLookupError:\n        break\n"
      : `import os, signal, time
SID = ${target.session}
for _ in range(100):
    left = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) in (1, os.getpid()):
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                sid = int(f.read().rsplit(")", 1)[1].split()[3])
            if sid == SID:
                os.kill(int(pid), signal.SIGKILL)
                left += 1
        except (OSError, IndexError, ValueError):
            pass
    if not left:
        break
    time.sleep(0.01)
`;
  await execCollect(docker, container, ["python3", "-I", "-c", script], { maxBytes: 4096, timeoutMs });
}

export function sha256Text(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}
