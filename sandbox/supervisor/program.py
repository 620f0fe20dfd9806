"""The child side of a run: a fork of the supervisor that becomes the learner's program.

["python3", <file>] runs the file in this fork of the preloaded interpreter, as `python3 <file>` would;
["python3", "-I", <file>] does the same without the file's folder on sys.path (the grader: a learner's json.py
next to it is never imported); any other argv (["node", ...]) is exec'd.
"""
import io
import json
import os
import signal
import struct
import sys

MAX_IMAGE = 1024 * 1024
PR_SET_DUMPABLE = 4
SUPERVISOR_FILES = ()  # set by the supervisor: its own files, hidden from tracebacks
LAZY = ()  # set by the supervisor: the heavy modules it may preload (reported back when the program used them)
PYTHON_ENV_KEYS = ("PATH", "HOME", "LANG", "MPLBACKEND", "MPLCONFIGDIR", "OPENBLAS_NUM_THREADS")
EXEC_ENV_KEYS = ("PATH", "HOME", "LANG")


def check_path(path):
    parts = path.split("/") if isinstance(path, str) else [""]
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\0" in path or "\n" in path:
        raise ValueError("bad path: %r" % path)
    return parts


def restore_signals(python):
    """PID 1 ignores nearly every signal; the program starts with the dispositions a fresh process has."""
    for number in range(1, signal.NSIG):
        if number in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            signal.signal(number, signal.SIG_DFL)
        except (OSError, ValueError):
            pass  # glibc's reserved real-time signals
    if python:
        # What the interpreter sets up at start-up: Ctrl-C is KeyboardInterrupt, broken pipes are exceptions.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def child(libc, argv, cpu, in_r, out_w, err_w, img_w):
    import resource

    os.setsid()
    signal.set_wakeup_fd(-1)
    python = argv[0] == "python3" and (len(argv) == 2 or (len(argv) == 3 and argv[1] == "-I"))
    restore_signals(python)
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
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
    keep = {k: os.environ[k] for k in (PYTHON_ENV_KEYS if python else EXEC_ENV_KEYS) if k in os.environ}
    os.environ.clear()
    os.environ.update(keep)
    if not python:
        os.close(3)
        os.execvp(argv[0], argv)
    isolated = argv[1] == "-I"
    entry = "/".join(check_path(argv[-1]))
    path = os.path.join("/workspace", entry)
    sys.argv = [entry]
    if isolated:
        del sys.path[0]  # the supervisor's own folder; nothing of /workspace is added
    else:
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
            send_record(b"I", image)
    plt.close("all")


def send_record(kind, payload):
    """One record on the private channel to the supervisor (fd 3): kind, 4-byte length, payload."""
    view = memoryview(struct.pack(">cI", kind, len(payload)) + payload)
    while view:
        view = view[os.write(3, view) :]


def report_used():
    """Tells the supervisor which lazy modules this program imported, so its session can preload them."""
    used = [name for name in LAZY if name in sys.modules]
    if used:
        try:
            send_record(b"U", json.dumps(used).encode())
        except OSError:
            pass  # the program closed or replaced fd 3: nothing is preloaded for it


class PyplotShowHook:
    """plt.show() sends the open figures, as in a sandbox with pyplot preloaded, when the program imports
    pyplot itself (Agg's own show() would only warn that it cannot show anything)."""

    def find_spec(self, name, path=None, target=None):
        if name != "matplotlib.pyplot":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            module.show = lambda *args, **kwargs: send_figures()

        spec.loader.exec_module = exec_and_patch
        return spec


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
    elif "matplotlib.pyplot" in LAZY:
        sys.meta_path.insert(0, PyplotShowHook())
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
        while tb is not None and tb.tb_frame.f_code.co_filename in SUPERVISOR_FILES:
            tb = tb.tb_next
        sys.excepthook(type(exc), exc.with_traceback(tb), tb)
        code = 1
    try:
        for thread in threading.enumerate():
            if thread is not threading.current_thread() and not thread.daemon:
                thread.join()
        send_figures()  # before atexit: matplotlib's own exit handler closes every figure
        report_used()
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
