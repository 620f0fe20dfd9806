"""PID 1 of every sandbox image: preload a runtime once, then start one fresh program per run.

Usage: python3 -u -E -s supervisor.py [module it may preload ...]   (the Python image: numpy, pandas, ...)
The supervisor reports ready as soon as Python is up; the heavy modules named on its command line ("lazy") are
imported into it only when the host asks, with {"type": "preload", "modules": [...]} between two runs (a fresh
pool sandbox while nobody waits for it; a session sandbox after a run of its own that used them). The import runs
in this single thread, and a run is only read and forked after it returned: a fork never inherits a half-done
import (an import that fails leaves only complete modules behind, Python removes the failed one).
Host -> supervisor (stdin): "<n>\\n" + n bytes of JSON, either
  {"type": "run", "files": [{"path", "content"}], "argv": ["python3", "main.py"], "stdin": "...", "cpuSeconds": 2,
   "interactive": false}
  or the same with "workspace": {"files": [{"path", "sha256"}], "contents": {sha256: content}} in place of
  "files" (a session's workspace, see workspace.py). ["python3", <file>] runs the file in a fork of this
  preloaded interpreter; any other argv (["node", ...]) is exec'd in a fork (see program.py).
  While a run is in flight: {"type": "kill"}; for an interactive run also {"type": "stdin", "data": "..."}
  and {"type": "eof"} (stdin stays open until then).
Supervisor -> host (stdout): frames of 1 type byte + 4-byte big-endian length + payload:
  R ready (JSON {"preloaded": [...], "lazy": [...]}), O stdout bytes, E stderr bytes, I one PNG image,
  X run over (JSON {"code", "signal", "dirty", "wants"} or {"error"}; "wants": lazy modules the program imported
  that this process has not), P preload over (JSON {"preloaded": [...]}, every lazy module loaded so far),
  M the run did not start: the workspace lacks content (JSON {"missing": [paths]}).
The program cannot drive this process: it is non-dumpable (no ptrace, no /proc/1/mem or /proc/1/fd for same-uid
code), and it ignores every signal but SIGCHLD, so the kernel drops whatever the program sends PID 1 (a namespace's
init only gets signals it has a handler for). The host still treats every frame as untrusted.
"""
import ctypes
import gc
import io
import json
import os
import select
import signal
import struct
import sys

PR_SET_DUMPABLE = 4
MAX_REQUEST = 16 * 1024 * 1024
CHUNK = 65536
MAX_IMAGE = 1024 * 1024
MAX_IMAGES = 8
MAX_PENDING_INPUT = 1024 * 1024

libc = ctypes.CDLL(None, use_errno=True)


def ignore_signals():
    """SIG_IGN for every catchable signal but SIGCHLD, which only wakes the run loop (see main)."""
    for number in range(1, signal.NSIG):
        if number in (signal.SIGKILL, signal.SIGSTOP, signal.SIGCHLD):
            continue
        try:
            signal.signal(number, signal.SIG_IGN)
        except (OSError, ValueError):
            pass  # glibc's reserved real-time signals


# Before anything else: from here on, same-uid code can neither read or write this process nor signal it.
ignore_signals()
if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
    raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")
HOST_IN = 0
HOST_OUT = os.dup(1)  # non-inheritable; stray prints of preloaded modules go to stderr instead
os.dup2(2, 1)

import cleanup  # noqa: E402 - after the lines above, which must come first
import program  # noqa: E402
import workspace  # noqa: E402

program.SUPERVISOR_FILES = (os.path.abspath(__file__), os.path.abspath(program.__file__))
SILENT = False  # while priming the fork path before the ready frame
RUNNING = True  # False between runs, SIGCHLD reaps at once: a terminal's orphans must not stay zombies until the next run


def send(kind, payload):
    if SILENT:
        return
    view = memoryview(struct.pack(">cI", kind, len(payload)) + payload)
    while view:
        view = view[os.write(HOST_OUT, view) :]


def send_json(kind, value):
    send(kind, json.dumps(value).encode())


LAZY = tuple(sys.argv[1:])


def preload(names):
    """Imports those of `names` that are lazy modules; answers every lazy module loaded so far."""
    for name in LAZY:  # in their own order: numpy before pandas, matplotlib before pyplot
        if name not in names or name in sys.modules:
            continue
        try:
            if name == "matplotlib":
                import_matplotlib()
            else:
                __import__(name)
        except Exception as exc:  # noqa: BLE001 - a missing extra must not stop the sandbox
            sys.stderr.write("codeyard: preload of %s failed: %s\n" % (name, exc))
            continue
        if name == "matplotlib.pyplot":
            # Fonts and the Agg renderer load now, once, rather than in every run that plots.
            plt = sys.modules[name]
            fig = plt.figure()
            fig.gca().plot([0, 1])
            fig.savefig(io.BytesIO(), format="png")
            plt.close(fig)
    # Forked children then never touch the preloaded objects' GC headers, so fewer pages are copied on write.
    gc.freeze()
    return loaded()


def import_matplotlib():
    """In a session this runs after the learner's programs (and beside their terminal), which can write /workspace
    and /tmp. matplotlib reads the first `matplotlibrc` of: the working directory, $MATPLOTLIBRC, $MPLCONFIGDIR
    (/tmp), its own; and an rc file is code (`axes.prop_cycle` is eval'd). So it is imported from / (read-only)
    with $MATPLOTLIBRC naming its own file, and a config directory made just now under an unguessable name for
    its font cache. What is left: a program racing to write a font list into that directory between its mkdir
    and the import (parsed as JSON, it can only name font files for FreeType to read)."""
    spec = importlib.util.find_spec("matplotlib")
    # Debian's default rc (what matplotlib reads here when nothing else is found), else the package's own.
    defaults = ("/etc/matplotlibrc", os.path.join(os.path.dirname(spec.origin), "mpl-data", "matplotlibrc"))
    own_rc = next((path for path in defaults if os.path.isfile(path)), None)
    if own_rc is None:
        raise RuntimeError("matplotlib's own matplotlibrc is missing")
    saved = {key: os.environ.get(key) for key in ("MATPLOTLIBRC", "MPLCONFIGDIR")}
    private = "/tmp/.codeyard-mpl-" + os.urandom(16).hex()
    cwd = os.getcwd()
    os.mkdir(private, 0o700)
    os.chdir("/")
    os.environ["MATPLOTLIBRC"] = own_rc
    os.environ["MPLCONFIGDIR"] = private
    try:
        __import__("matplotlib")
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def loaded():
    return [name for name in LAZY if name in sys.modules]


# Modules the child needs, imported now so nothing is looked up on the learner's sys.path later.
import atexit  # noqa: E402, F401
import importlib.machinery  # noqa: E402, F401
import importlib.util  # noqa: E402, F401
import resource  # noqa: E402, F401
import threading  # noqa: E402, F401
import traceback  # noqa: E402, F401

program.LAZY = LAZY
gc.freeze()


def read_exact(n):
    chunks = []
    while n > 0:
        chunk = os.read(HOST_IN, min(n, CHUNK))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_message():
    digits = b""
    while True:
        ch = os.read(HOST_IN, 1)
        if not ch:
            raise EOFError
        if ch == b"\n":
            break
        if not ch.isdigit() or len(digits) > 9:
            raise ValueError("bad request length")
        digits += ch
    n = int(digits)
    if n > MAX_REQUEST:
        raise ValueError("request too large")
    return json.loads(read_exact(n))


def write_files(files, replace=False):
    for path, data in files:
        parts = program.check_path(path)
        fd_dir = os.open("/workspace", os.O_RDONLY | os.O_DIRECTORY)
        try:
            for part in parts[:-1]:
                try:
                    os.mkdir(part, 0o755, dir_fd=fd_dir)
                except FileExistsError:
                    pass
                next_fd = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd_dir)
                os.close(fd_dir)
                fd_dir = next_fd
            if replace:
                try:
                    os.unlink(parts[-1], dir_fd=fd_dir)
                except FileNotFoundError:
                    pass
            fd = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=fd_dir)
        finally:
            os.close(fd_dir)
        with os.fdopen(fd, "wb") as out:
            out.write(data)


class ControlReader:
    """Reads host messages during a run: kill, and the program's input (stdin, eof) in an interactive run."""

    def __init__(self):
        self.buf = b""

    def feed(self, data):
        """The complete messages received so far, as dicts."""
        self.buf += data
        messages = []
        while b"\n" in self.buf:
            digits, rest = self.buf.split(b"\n", 1)
            if not digits.isdigit() or len(digits) > 9 or int(digits) > MAX_REQUEST:
                raise ValueError("bad control message")
            n = int(digits)
            if len(rest) < n:
                break
            message, self.buf = json.loads(rest[:n]), rest[n:]
            if isinstance(message, dict):
                messages.append(message)
        return messages


class ChannelReader:
    """Parses the child's private channel: records of 1 kind byte + 4-byte length + payload, I a PNG image and
    U the lazy modules the program imported. The learner's code can write to it too: a forged image is just
    theirs, a forged U at most makes this sandbox import a lazy module (into its own memory limit)."""

    def __init__(self):
        self.buf = b""
        self.count = 0
        self.broken = False
        self.used = []

    def feed(self, data):
        if self.broken:
            return
        self.buf += data
        while len(self.buf) >= 5:
            kind, n = struct.unpack(">cI", self.buf[:5])
            if kind not in (b"I", b"U") or n > MAX_IMAGE or (kind == b"I" and self.count >= MAX_IMAGES):
                self.broken, self.buf = True, b""
                return
            if len(self.buf) < 5 + n:
                return
            payload, self.buf = self.buf[5 : 5 + n], self.buf[5 + n :]
            if kind == b"I":
                self.count += 1
                send(b"I", payload)
            else:
                try:
                    names = json.loads(payload)
                except ValueError:
                    names = []
                if isinstance(names, list):
                    self.used = [name for name in LAZY if name in names]


def run(request, wake_r):
    argv = request["argv"]
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) and "\0" not in a for a in argv):
        raise ValueError("bad argv")
    stdin = request.get("stdin", "").encode()
    cpu = min(max(int(request.get("cpuSeconds", 10)), 1), 60)
    interactive = request.get("interactive") is True
    if "workspace" in request:
        files, missing = workspace.resolve(request["workspace"])
        if files is None:
            send_json(b"M", {"missing": missing})
            return
    else:
        files = [(f["path"], f["content"].encode("utf-8")) for f in request["files"]]
    # With a terminal open, /workspace is shared with it: the manifest's files are overwritten, nothing else goes.
    terminal = cleanup.terminal_open()
    if not terminal:
        for root in cleanup.SCRATCH:
            cleanup.wipe(root)
    write_files(files, replace=terminal)
    if "workspace" in request:
        workspace.keep(files)

    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    img_r, img_w = os.pipe()
    cleanup.EXITED.clear()
    pid = os.fork()
    if pid == 0:
        try:
            program.child(libc, argv, cpu, in_r, out_w, err_w, img_w)
        except BaseException as exc:  # noqa: BLE001 - never unwind into the supervisor's frames
            os.write(2, ("codeyard: could not start the program: %s\n" % exc).encode())
        finally:
            os._exit(125)
    for fd in (in_r, out_w, err_w, img_w):
        os.close(fd)
    for fd in (in_w, out_r, err_r, img_r, HOST_IN):
        os.set_blocking(fd, False)

    readers = {out_r: b"O", err_r: b"E", img_r: None}
    images, control = ChannelReader(), ControlReader()
    pending, writer, eof = stdin, in_w, not interactive
    if not pending and eof:
        os.close(in_w)
        writer = None
    status = None
    while readers or status is None:
        watch = [*readers, wake_r, HOST_IN]
        ready_r, ready_w, _ = select.select(watch, [writer] if writer is not None and pending else [], [], 1.0)
        if writer is not None and writer in ready_w and pending:
            try:
                pending = pending[os.write(writer, pending[:CHUNK]) :]
            except BrokenPipeError:
                pending, eof = b"", True
        if writer is not None and not pending and eof:
            os.close(writer)
            writer = None
        for fd in ready_r:
            try:
                data = os.read(fd, CHUNK)
            except BlockingIOError:
                continue
            if fd == wake_r:
                continue
            if fd == HOST_IN:
                if not data:
                    cleanup.kill_all()
                    os._exit(0)
                for message in control.feed(data):
                    kind = message.get("type")
                    if kind == "kill":
                        cleanup.kill_all()
                    elif kind == "stdin" and writer is not None and not eof and isinstance(message.get("data"), str):
                        room = MAX_PENDING_INPUT - len(pending)
                        pending += message["data"].encode("utf-8")[: max(room, 0)]
                    elif kind == "eof":
                        eof = True
            elif not data:
                os.close(fd)
                del readers[fd]
            elif readers[fd] is None:
                images.feed(data)
            else:
                send(readers[fd], data)
        cleanup.reap()
        if status is None and pid in cleanup.EXITED:
            status = cleanup.EXITED[pid]
            # Whatever the program left running dies with it; the pipes then reach EOF.
            cleanup.kill_all()
    if writer is not None:
        os.close(writer)
    clean = cleanup.scrub()
    os.set_blocking(HOST_IN, True)
    wants = [name for name in images.used if name not in sys.modules]
    if os.WIFSIGNALED(status):
        send_json(b"X", {"code": None, "signal": os.WTERMSIG(status), "dirty": not clean, "wants": wants})
    else:
        send_json(b"X", {"code": os.WEXITSTATUS(status), "signal": None, "dirty": not clean, "wants": wants})


def on_child(*_):
    if not RUNNING:
        cleanup.reap()
        cleanup.EXITED.clear()


def main():
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.signal(signal.SIGCHLD, on_child)
    signal.set_wakeup_fd(wake_w)
    # One silent run before anything of the learner's arrives, so the first real run finds the fork path
    # warm (first-time code paths, lazily loaded modules, pages faulted in).
    global SILENT, RUNNING
    SILENT = True
    prime = {"files": [{"path": "main.py", "content": "import sys\nprint(sys.argv)"}], "argv": ["python3", "main.py"]}
    run(prime, wake_r)
    SILENT = False
    RUNNING = False
    send_json(b"R", {"preloaded": loaded(), "lazy": list(LAZY)})
    while True:
        try:
            request = read_message()
        except EOFError:
            return
        if not isinstance(request, dict):
            continue
        if request.get("type") == "preload" and isinstance(request.get("modules"), list):
            send_json(b"P", {"preloaded": preload(request["modules"])})
            continue
        if request.get("type") != "run":
            continue
        RUNNING = True
        try:
            run(request, wake_r)
        except Exception as exc:  # noqa: BLE001 - report, then stay up for the next run
            clean = cleanup.scrub()
            os.set_blocking(HOST_IN, True)
            send_json(b"X", {"error": "%s: %s" % (type(exc).__name__, exc), "dirty": not clean})
        finally:
            RUNNING = False
            on_child()


main()
