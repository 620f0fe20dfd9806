// PID 1 of a warm Node.js sandbox: one fresh `node` per run, its output framed to the host.
//
// Host -> supervisor (stdin): "<n>\n" + n bytes of JSON, either
//   {"type": "run", "files": [{"path", "content"}], "argv": ["node", "main.js"], "stdin": "...", "cpuSeconds": 2}
//   or {"type": "kill"} while a run is in flight.
// Supervisor -> host (stdout): frames of 1 type byte + 4-byte big-endian length + payload:
//   R ready (JSON), O stdout bytes, E stderr bytes, X run over (JSON {"code", "signal", "dirty"} or {"error"}).
// This process runs from an execute-only copy of the node binary, which makes the kernel mark it non-dumpable:
// the learner's code (same uid) can neither ptrace it nor open /proc/1/fd. The host still trusts no frame.
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");

const MAX_REQUEST = 16 * 1024 * 1024;
const CHUNK = 64 * 1024;
const SCRATCH = ["/workspace", "/tmp"];
const CHILD_ENV_KEYS = ["PATH", "HOME", "LANG"];

function send(kind, payload) {
  const frame = Buffer.alloc(5 + payload.length);
  frame.write(kind, 0, "latin1");
  frame.writeUInt32BE(payload.length, 1);
  payload.copy(frame, 5);
  let offset = 0;
  while (offset < frame.length) offset += fs.writeSync(1, frame, offset);
}

function sendChunks(kind, data) {
  for (let i = 0; i < data.length; i += CHUNK) send(kind, data.subarray(i, i + CHUNK));
}

function sendJson(kind, value) {
  send(kind, Buffer.from(JSON.stringify(value)));
}

function checkPath(p) {
  const parts = typeof p === "string" ? p.split("/") : [""];
  if (p.startsWith("/") || parts.some((x) => x === "" || x === "." || x === "..") || /[\0\n]/.test(p)) {
    throw new Error(`bad path: ${JSON.stringify(p)}`);
  }
  return parts;
}

/** Empties root whatever modes the last run left; only the supervisor runs while it does. */
function wipe(root) {
  try {
    fs.chmodSync(root, root === "/workspace" ? 0o700 : 0o1777);
  } catch {
    // /tmp belongs to root; its mode cannot have changed.
  }
  const stack = [root];
  const dirs = [];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        fs.chmodSync(full, 0o700);
        stack.push(full);
        dirs.push(full);
      } else {
        fs.unlinkSync(full);
      }
    }
  }
  for (const dir of dirs.reverse()) fs.rmdirSync(dir);
}

function writeFiles(files) {
  const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_DIRECTORY } = fs.constants;
  for (const file of files) {
    const parts = checkPath(file.path);
    let dir = "/workspace";
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      try {
        fs.mkdirSync(dir, 0o755);
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      }
      fs.closeSync(fs.openSync(dir, fs.constants.O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    }
    const fd = fs.openSync(path.join(dir, parts[parts.length - 1]), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o644);
    try {
      fs.writeSync(fd, String(file.content));
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Every process but this one (PID 1); zombies included, since Node cannot reap orphans. */
function others() {
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p) && p !== "1");
}

function killAll() {
  try {
    process.kill(-1, "SIGKILL"); // from PID 1: everything but ourselves
  } catch {
    // ESRCH: nothing else is running.
  }
}

let running = null;

function startRun(request) {
  const argv = request.argv;
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === "string" && !a.includes("\0"))) {
    throw new Error("bad argv");
  }
  const cpu = Math.min(Math.max(Number.parseInt(request.cpuSeconds, 10) || 10, 1), 60);
  for (const root of SCRATCH) wipe(root);
  writeFiles(request.files);
  const env = {};
  for (const key of CHILD_ENV_KEYS) if (process.env[key] !== undefined) env[key] = process.env[key];
  const child = spawn("/usr/bin/prlimit", [`--cpu=${cpu}:${cpu + 1}`, "--core=0", "--", ...argv], {
    cwd: "/workspace",
    env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  running = child;
  try {
    // Under memory pressure the kernel kills the program, not the supervisor.
    fs.writeFileSync(`/proc/${child.pid}/oom_score_adj`, "1000");
  } catch {
    // The program may already be gone.
  }
  child.stdin.on("error", () => {});
  child.stdin.end(Buffer.from(String(request.stdin ?? "")));
  child.stdout.on("data", (data) => sendChunks("O", data));
  child.stderr.on("data", (data) => sendChunks("E", data));
  child.on("error", (error) => finish({ error: `could not start the program: ${error.message}` }));
  // Whatever the program left running dies with it; the pipes then reach EOF and "close" follows.
  child.on("exit", killAll);
  child.on("close", (code, signal) => {
    finish({ code: signal ? null : code, signal: signal ? (os.constants.signals[signal] ?? 9) : null });
  });
}

function finish(report) {
  if (running === null) return;
  running = null;
  killAll();
  let dirty = false;
  try {
    for (const root of SCRATCH) wipe(root);
  } catch {
    dirty = true;
  }
  sendJson("X", { ...report, dirty: dirty || others().length > 0 });
}

function handle(message) {
  if (message === null || typeof message !== "object") return;
  if (message.type === "kill") {
    if (running !== null) killAll();
  } else if (message.type === "run" && running === null) {
    try {
      startRun(message);
    } catch (error) {
      killAll();
      running = null;
      sendJson("X", { error: `${error.name}: ${error.message}`, dirty: others().length > 0 });
    }
  }
}

let buffered = Buffer.alloc(0);
process.stdin.on("data", (data) => {
  buffered = Buffer.concat([buffered, data]);
  for (;;) {
    const newline = buffered.indexOf(10);
    if (newline < 0) {
      if (buffered.length > 10) process.exit(2);
      return;
    }
    const digits = buffered.subarray(0, newline).toString("latin1");
    if (!/^\d{1,9}$/.test(digits) || Number(digits) > MAX_REQUEST) process.exit(2);
    const end = newline + 1 + Number(digits);
    if (buffered.length < end) return;
    const body = buffered.subarray(newline + 1, end);
    buffered = buffered.subarray(end);
    let message = null;
    try {
      message = JSON.parse(body.toString("utf8"));
    } catch {
      process.exit(2);
    }
    handle(message);
  }
});
process.stdin.on("end", () => {
  killAll();
  process.exit(0);
});

sendJson("R", { node: process.version });
