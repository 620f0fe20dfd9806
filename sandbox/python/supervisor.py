"""PID 1 of a warm Python sandbox: preload heavy modules once, then fork one fresh child per run.

Host -> supervisor (stdin): "<n>\\n" + n bytes of JSON, either
  {"type": "run", "files": [{"path", "content"}], "argv": ["python3", "main.py"], "stdin": "...", "cpuSeconds": 2}
  ["python3", <file>] runs the file in a fork of this preloaded interpreter; any other argv is exec'd.
  or {"type": "kill"} while a run is in flight.
Supervisor -> host (stdout): frames of 1 type byte + 4-byte big-endian length + payload:
  R ready (JSON), O stdout bytes, E stderr bytes, I one PNG image,
  X run over (JSON {"code", "signal", "dirty"} or {"error"}).
The supervisor is non-dumpable, so the learner's code (same uid) can neither ptrace it nor open /proc/1/fd.
The host still treats every frame as untrusted and takes limits and memory figures from the cgroup.
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
import time

PR_SET_DUMPABLE = 4
MAX_REQUEST = 16 * 1024 * 1024
CHUNK = 65536
MAX_IMAGE = 1024 * 1024
MAX_IMAGES = 8
SCRATCH = ("/workspace", "/tmp")
CHILD_ENV_KEYS = ("PATH", "HOME", "LANG", "MPLBACKEND", "MPLCONFIGDIR", "OPENBLAS_NUM_THREADS")
SELF = os.path.abspath(__file__)

libc = ctypes.CDLL(None, use_errno=True)


def set_dumpable(value):
    if libc.prctl(PR_SET_DUMPABLE, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE) failed")


# Before anything else: from here on, same-uid code cannot read or write this process.
set_dumpable(0)
HOST_IN = 0
HOST_OUT = os.dup(1)  # non-inheritable; stray prints of preloaded modules go to stderr instead
os.dup2(2, 1)


SILENT = False  # while priming the fork path before the ready frame


def send(kind, payload):
    if SILENT:
        return
    view = memoryview(struct.pack(">cI", kind, len(payload)) + payload)
    while view:
        view = view[os.write(HOST_OUT, view) :]


def send_json(kind, value):
    send(kind, json.dumps(value).encode())


def preload():
    loaded = []
    for name in ("numpy", "pandas", "matplotlib", "matplotlib.pyplot"):
        try:
            __import__(name)
            loaded.append(name)
        except Exception as exc:  # noqa: BLE001 - a missing extra must not stop the sandbox
            sys.stderr.write("codeyard: preload of %s failed: %s\n" % (name, exc))
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        # Fonts and the Agg renderer load now, once, rather than in every run that plots.
        fig = plt.figure()
        fig.gca().plot([0, 1])
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)
    # Modules the child needs, imported now so nothing is looked up on the learner's sys.path later.
    import atexit  # noqa: F401
    import importlib.machinery  # noqa: F401
    import resource  # noqa: F401
    import threading  # noqa: F401
    import traceback  # noqa: F401

    return loaded


PRELOADED = preload()
# Forked children then never touch the preloaded objects' GC headers, so fewer pages are copied on write.
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


def check_path(path):
    parts = path.split("/") if isinstance(path, str) else [""]
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\0" in path or "\n" in path:
        raise ValueError("bad path: %r" % path)
    return parts


def wipe(root):
    """Empties root whatever modes the last run left; only the supervisor runs while it does."""
    try:
        os.chmod(root, 0o700 if root == "/workspace" else 0o1777)
    except PermissionError:
        pass
    stack, dirs = [root], []
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    os.chmod(entry.path, 0o700)
                    stack.append(entry.path)
                    dirs.append(entry.path)
                else:
                    os.unlink(entry.path)
    for path in reversed(dirs):
        os.rmdir(path)


def write_files(files):
    for f in files:
        parts = check_path(f["path"])
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
            fd = os.open(parts[-1], os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=fd_dir)
        finally:
            os.close(fd_dir)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f["content"])


EXITED = {}


def reap():
    """Reaps every exited process (as PID 1, orphans land here) into EXITED {pid: wait status}."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        EXITED[pid] = status


def others():
    return [p for p in os.listdir("/proc") if p.isdigit() and p != "1"]


def kill_all():
    """SIGKILLs every other process in the sandbox, again while a fork race leaves survivors."""
    deadline = time.monotonic() + 2
    while True:
        try:
            os.kill(-1, signal.SIGKILL)  # from PID 1: everything but ourselves
        except ProcessLookupError:
            pass
        reap()
        if not others() or time.monotonic() > deadline:
            return not others()
        time.sleep(0.002)


class ControlReader:
    """Reads host messages during a run; only {"type": "kill"} is expected there."""

    def __init__(self):
        self.buf = b""

    def feed(self, data):
        self.buf += data
        while b"\n" in self.buf:
            digits, rest = self.buf.split(b"\n", 1)
            if not digits.isdigit() or len(digits) > 9:
                raise ValueError("bad control message")
            n = int(digits)
            if len(rest) < n:
                return
            message, self.buf = json.loads(rest[:n]), rest[n:]
            if isinstance(message, dict) and message.get("type") == "kill":
                kill_all()


class ImageReader:
    """Parses the child's image channel (4-byte length + PNG): the learner's code can write to it too."""

    def __init__(self):
        self.buf = b""
        self.count = 0
        self.broken = False

    def feed(self, data):
        if self.broken:
            return
        self.buf += data
        while len(self.buf) >= 4:
            (n,) = struct.unpack(">I", self.buf[:4])
            if n > MAX_IMAGE or self.count >= MAX_IMAGES:
                self.broken, self.buf = True, b""
                return
            if len(self.buf) < 4 + n:
                return
            image, self.buf = self.buf[4 : 4 + n], self.buf[4 + n :]
            self.count += 1
            send(b"I", image)


def run(request, wake_r):
    argv = request["argv"]
    if not isinstance(argv, list) or not argv or not all(isinstance(a, str) and "\0" not in a for a in argv):
        raise ValueError("bad argv")
    stdin = request.get("stdin", "").encode()
    cpu = min(max(int(request.get("cpuSeconds", 10)), 1), 60)
    for root in SCRATCH:
        wipe(root)
    write_files(request["files"])

    in_r, in_w = os.pipe()
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    img_r, img_w = os.pipe()
    EXITED.clear()
    pid = os.fork()
    if pid == 0:
        try:
            child(argv, cpu, in_r, out_w, err_w, img_w)
        except BaseException as exc:  # noqa: BLE001 - never unwind into the supervisor's frames
            os.write(2, ("codeyard: could not start the program: %s\n" % exc).encode())
        finally:
            os._exit(125)
    for fd in (in_r, out_w, err_w, img_w):
        os.close(fd)
    for fd in (in_w, out_r, err_r, img_r, HOST_IN):
        os.set_blocking(fd, False)

    readers = {out_r: b"O", err_r: b"E", img_r: None}
    images, control = ImageReader(), ControlReader()
    pending, writer = stdin, in_w
    if not pending:
        os.close(in_w)
        writer = None
    status = None
    while readers or status is None:
        watch = [*readers, wake_r, HOST_IN]
        ready_r, ready_w, _ = select.select(watch, [writer] if writer is not None else [], [], 1.0)
        if writer is not None and writer in ready_w:
            try:
                pending = pending[os.write(writer, pending[:CHUNK]) :]
            except BrokenPipeError:
                pending = b""
            if not pending:
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
                    kill_all()
                    os._exit(0)
                control.feed(data)
            elif not data:
                os.close(fd)
                del readers[fd]
            elif readers[fd] is None:
                images.feed(data)
            else:
                send(readers[fd], data)
        reap()
        if status is None and pid in EXITED:
            status = EXITED[pid]
            # Whatever the program left running dies with it; the pipes then reach EOF.
            kill_all()
    if writer is not None:
        os.close(writer)
    clean = kill_all()
    try:
        for root in SCRATCH:
            wipe(root)
    except OSError:
        clean = False
    os.set_blocking(HOST_IN, True)
    if os.WIFSIGNALED(status):
        send_json(b"X", {"code": None, "signal": os.WTERMSIG(status), "dirty": not clean})
    else:
        send_json(b"X", {"code": os.WEXITSTATUS(status), "signal": None, "dirty": not clean})


def child(argv, cpu, in_r, out_w, err_w, img_w):
    import resource

    os.setsid()
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    set_dumpable(1)
    with open("/proc/self/oom_score_adj", "w") as f:
        f.write("1000")  # under memory pressure the kernel kills the program, not the supervisor
    os.dup2(in_r, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    os.dup2(img_w, 3)
    os.closerange(4, 4096)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.chdir("/workspace")
    keep = {k: os.environ[k] for k in CHILD_ENV_KEYS if k in os.environ}
    os.environ.clear()
    os.environ.update(keep)
    if argv[0] != "python3" or len(argv) != 2:
        os.execvp(argv[0], argv)
    entry = "/".join(check_path(argv[1]))
    path = os.path.join("/workspace", entry)
    sys.argv = [entry]
    sys.path[0] = os.path.dirname(path)
    sys.dont_write_bytecode = True
    # Unbuffered like `python3 -u`: output printed before a kill is already in the pipe.
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), "utf-8")
    sys.stdout = sys.__stdout__ = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), "utf-8", write_through=True)
    sys.stderr = sys.__stderr__ = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), "utf-8", errors="backslashreplace", write_through=True
    )
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()  # forked children would otherwise all draw the same numbers
    os._exit(run_program(path))


def send_figures():
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for number in plt.get_fignums():
        buf = io.BytesIO()
        try:
            plt.figure(number).savefig(buf, format="png")
        except Exception:  # noqa: BLE001, S112 - a figure that cannot render is skipped
            continue
        image = buf.getvalue()
        if len(image) <= MAX_IMAGE:
            view = memoryview(struct.pack(">I", len(image)) + image)
            while view:
                view = view[os.write(3, view) :]
    plt.close("all")


def exit_code(exc):
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write("%s\n" % (code,))
    return 1


def run_program(path):
    """Runs the learner's file as __main__ the way `python3 path` would, and answers its exit code."""
    import atexit
    import builtins
    import importlib.machinery
    import threading
    import types

    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.show = lambda *args, **kwargs: send_figures()
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    main.__spec__ = None
    sys.modules["__main__"] = main
    try:
        with open(path, "rb") as f:
            source = f.read()
        exec(compile(source, path, "exec", dont_inherit=True), main.__dict__)  # noqa: S102 - the learner's program
        code = 0
    except SystemExit as exc:
        code = exit_code(exc)
    except BaseException as exc:  # noqa: BLE001 - reported like the interpreter reports it
        tb = exc.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename == SELF:
            tb = tb.tb_next
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        code = 1
    try:
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
        send_figures()  # before atexit: matplotlib's own exit handler closes every figure
        atexit._run_exitfuncs()
    except SystemExit as exc:
        code = exit_code(exc)
    except BaseException:  # noqa: BLE001
        code = code or 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001, S110
            pass
    return code


def main():
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_w)
    # One silent run before anything of the learner's arrives, so the first real run finds the fork path
    # warm (first-time code paths, lazily loaded modules, pages faulted in).
    global SILENT
    SILENT = True
    prime = {"files": [{"path": "main.py", "content": "import sys\nprint(sys.argv)"}], "argv": ["python3", "main.py"]}
    run(prime, wake_r)
    SILENT = False
    send_json(b"R", {"preloaded": PRELOADED})
    while True:
        try:
            request = read_message()
        except EOFError:
            return
        if not isinstance(request, dict) or request.get("type") != "run":
            continue
        try:
            run(request, wake_r)
        except Exception as exc:  # noqa: BLE001 - report, then stay up for the next run
            clean = kill_all()
            os.set_blocking(HOST_IN, True)
            send_json(b"X", {"error": "%s: %s" % (type(exc).__name__, exc), "dirty": not clean})


main()
