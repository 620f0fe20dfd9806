"""Grades a learner's program against the exercise's tests, inside a one-shot sandbox container.

The runner sends it as a file next to the learner's (which the supervisor has already written to
/workspace) and has the supervisor run it as ["python3", "-I", file]: nothing of /workspace is on its sys.path,
so a learner's json.py or random.py is never imported here. Wire format on stdin: "<n>\\n" + n bytes of JSON
  {"tests": [...], "nonce": "<hex>", "perTestMs": int}
Answer on stdout: exactly one line "CODEYARD-VERDICT <nonce> <json>" (Exercism results v3 shape).

Shown and hidden tests: a test with "shown": true may tell the learner its call or input, the expected value and
what their program printed. Any other test is hidden: its result carries its name, its status and the author's
"hint" (or a fixed sentence), never its call, input, expected value, or anything the learner's code printed or
raised (that could echo the input).

The comparison rule (COMPARISON below): a program test passes when stdout equals the expected text after
normalising line ends to \\n, dropping trailing spaces of each line and trailing blank lines. A function test
passes when the returned value equals the expected literal with the same type at every depth: 3 and 3.0 differ,
"3" and 3 differ, True and 1 differ, a list and a tuple differ; dict order does not matter; floats are equal
within a relative 1e-9 (or 1e-12 absolute, for values near zero).

Why the learner cannot forge a pass:
- The learner's code never runs in this process: each test runs in a freshly exec'd python3
  (no copy of this process's memory), with its own stdin/stdout/stderr pipes.
- Expected values stay in this process, which makes itself non-dumpable, so same-uid code can
  neither ptrace it nor open /proc/<pid>/mem or /proc/<pid>/fd.
- The verdict line carries a nonce that only the host and this process know; the host rejects
  any answer with a missing, wrong or repeated verdict line.
- A function test's value comes back as a canonical tree of exact builtin types with a per-test
  token; a lying __repr__/__eq__, an extra or missing message, or an early exit is an error.
"""
import ast
import ctypes
import json
import math
import os
import secrets
import subprocess
import sys
import time

MAX_HEADER = 16 * 1024 * 1024
OUTPUT_LIMIT = 500
PR_SET_DUMPABLE = 4
CHILD = r"""
import os, sys
def _run(call, token_fd, result_fd):
    # The token is read, and its pipe closed, before any learner code is imported.
    token = os.read(token_fd, 64).decode()
    os.close(token_fd)
    write, dumps = os.write, __import__("json").dumps
    exact = {int: "int", float: "float", str: "str", bool: "bool", type(None): "none"}
    def canon(v, depth=0):
        t = type(v)
        if depth > 20: raise ValueError("value nested too deeply")
        if t in exact: return [exact[t], v]
        if t is list or t is tuple: return ["list" if t is list else "tuple", [canon(x, depth + 1) for x in v]]
        if t is dict: return ["dict", [[canon(k, depth + 1), canon(x, depth + 1)] for k, x in v.items()]]
        if t is set: return ["set", sorted((canon(x, depth + 1) for x in v), key=repr)]
        raise TypeError("a value of type %s" % t.__name__)
    sys.path.insert(0, "/workspace")
    try:
        import main as learner
        value = eval(compile(call, "<test>", "eval"), vars(learner))
        message = {"token": token, "ok": True, "value": canon(value)}
    except BaseException as e:
        message = {"token": token, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}
    sys.stdout.flush()
    write(result_fd, (dumps(message) + "\n").encode())
    os._exit(0)
_run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
"""


def read_exact(n):
    chunks = []
    while n > 0:
        chunk = os.read(0, min(n, 65536))
        if not chunk:
            raise EOFError("stdin closed before the header ended")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_header():
    digits = b""
    while True:
        ch = os.read(0, 1)
        if ch == b"\n":
            break
        if not ch or not ch.isdigit() or len(digits) > 10:
            raise ValueError("bad header length")
        digits += ch
    n = int(digits)
    if n > MAX_HEADER:
        raise ValueError("header too large")
    return json.loads(read_exact(n))


def clip(text):
    return text if len(text) <= OUTPUT_LIMIT else text[: OUTPUT_LIMIT - 1] + "…"


def normalise(text):
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def last_error_line(stderr):
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "the program crashed"


def canon_expected(v):
    t = type(v)
    names = {int: "int", float: "float", str: "str", bool: "bool", type(None): "none"}
    if t in names:
        return [names[t], v]
    if t is list or t is tuple:
        return ["list" if t is list else "tuple", [canon_expected(x) for x in v]]
    if t is dict:
        return ["dict", [[canon_expected(k), canon_expected(x)] for k, x in v.items()]]
    if t is set:
        return ["set", sorted((canon_expected(x) for x in v), key=repr)]
    raise TypeError(t.__name__)


def from_canon(c):
    kind, v = c[0], c[1]
    if kind in ("int", "float", "str", "bool", "none"):
        return v
    if kind == "list":
        return [from_canon(x) for x in v]
    if kind == "tuple":
        return tuple(from_canon(x) for x in v)
    if kind == "dict":
        return {from_canon(k): from_canon(x) for k, x in v}
    if kind == "set":
        return {from_canon(x) for x in v}
    raise ValueError("unknown kind")


def equal(a, b):
    """COMPARISON: same kind at every depth; floats within 1e-9 relative; dicts and sets in any order."""
    kind = a[0]
    if kind != b[0]:
        return False
    if kind == "float":
        return math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-12)
    if kind in ("list", "tuple"):
        return len(a[1]) == len(b[1]) and all(equal(x, y) for x, y in zip(a[1], b[1]))
    if kind == "dict":
        mine = {json.dumps(k): v for k, v in a[1]}
        theirs = {json.dumps(k): v for k, v in b[1]}
        return mine.keys() == theirs.keys() and all(equal(v, theirs[k]) for k, v in mine.items())
    return a[1] == b[1]  # int, str, bool, none; sets compare their sorted canonical members exactly


def hide(test, outcome):
    """What a learner may see of a hidden test: its status, and the author's hint when it did not pass."""
    if outcome["status"] == "pass":
        return {"status": "pass"}
    default = "This hidden test did not pass." if outcome["status"] == "fail" else "This hidden test ended with an error."
    hint = test.get("hint")
    return {"status": outcome["status"], "message": hint if isinstance(hint, str) and hint else default}


def child_env():
    return {"PATH": "/usr/bin:/bin", "HOME": "/workspace", "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1",
            "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp", "PYTHONIOENCODING": "utf-8"}


def run_program_test(test, timeout):
    try:
        done = subprocess.run(["python3", "-u", "main.py"], input=test.get("stdin", "").encode(), capture_output=True,
                              timeout=timeout, cwd="/workspace", env=child_env(), start_new_session=True)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return {"status": "error", "message": "Your program took too long (timed out): is there an infinite loop?",
                "output": clip(out)}
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    shown = clip(out + err)
    if done.returncode != 0:
        return {"status": "error", "message": last_error_line(err), "output": shown}
    if normalise(out) == normalise(test["stdout"]):
        return {"status": "pass", "output": shown}
    return {"status": "fail", "output": shown,
            "message": "Expected your program to print:\n%s\nbut it printed:\n%s" % (test["stdout"], out or "(nothing)")}


def run_function_test(test, timeout):
    token = secrets.token_hex(16)
    token_r, token_w = os.pipe()
    result_r, result_w = os.pipe()
    os.write(token_w, token.encode())
    os.close(token_w)
    try:
        proc = subprocess.Popen(
            ["python3", "-I", "-c", CHILD, test["call"], str(token_r), str(result_w)], cwd="/workspace",
            env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, pass_fds=(token_r, result_w),
        )
    finally:
        os.close(token_r)
        os.close(result_w)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        os.close(result_r)
        return {"status": "error", "message": "Your code took too long (timed out): is there an infinite loop?",
                "output": clip(out.decode("utf-8", "replace"))}
    with os.fdopen(result_r, "rb") as f:
        raw = f.read(1024 * 1024)
    shown = clip(out.decode("utf-8", "replace") + err.decode("utf-8", "replace"))
    messages = [line for line in raw.decode("utf-8", "replace").split("\n") if line]
    if not messages:
        return {"status": "error", "output": shown,
                "message": "Your program stopped before the test could finish (did it call exit()?)."}
    try:
        parsed = [json.loads(m) for m in messages]
    except ValueError:
        parsed = None
    if parsed is None or len(parsed) != 1 or parsed[0].get("token") != token:
        return {"status": "error", "output": shown, "message": "Your program interfered with the test runner."}
    message = parsed[0]
    if not message.get("ok"):
        return {"status": "error", "output": shown, "message": str(message.get("error", "error"))[:300]}
    expected = ast.literal_eval(test["expect"])
    try:
        actual = from_canon(message["value"])
        # The tree must be what its own value gives back (well formed), then equal to the expected one.
        same = message["value"] == canon_expected(actual) and equal(message["value"], canon_expected(expected))
    except (TypeError, ValueError, KeyError, IndexError):
        return {"status": "error", "output": shown, "message": "Your code returned a value the tests cannot read."}
    if same:
        return {"status": "pass", "output": shown}
    return {"status": "fail", "output": shown,
            "message": "%s should give %r, but it gave %r" % (test["call"], expected, actual)}


def grade(header):
    os.chdir("/workspace")
    tests = header["tests"]
    per_test = max(0.5, header.get("perTestMs", 3000) / 1000)
    try:
        with open("main.py", encoding="utf-8") as f:
            compile(f.read(), "main.py", "exec")
    except SyntaxError as e:
        where = "Line %d: " % e.lineno if e.lineno else ""
        return {"version": 3, "status": "error", "message": "%s%s" % (where, e.msg),
                "tests": [{"name": t["name"], "status": "error"} for t in tests]}
    results = []
    deadline = time.monotonic() + per_test * len(tests) + 1
    for test in tests:
        remaining = deadline - time.monotonic()
        if remaining <= 0.2:
            results.append({"name": test["name"], "status": "error", "message": "Not run: out of time."})
            continue
        runner = run_function_test if "call" in test else run_program_test
        outcome = runner(test, min(per_test, remaining))
        if "CODEYARD-VERDICT" in outcome.get("output", ""):
            outcome = {"status": "error", "message": "Your program tried to print a fake test result.",
                       "output": outcome.get("output", "")}
        if test.get("shown") is not True:
            outcome = hide(test, outcome)
        results.append({"name": test["name"], **outcome})
    statuses = {r["status"] for r in results}
    overall = "pass" if statuses == {"pass"} else "error" if "error" in statuses else "fail"
    verdict = {"version": 3, "status": overall, "tests": results}
    if overall == "error":
        first = next(r for r in results if r["status"] == "error")
        verdict["message"] = first.get("message", "A test could not run.")
    return verdict


def main():
    header = read_header()
    # Not dumpable: same-uid code (the learner's) cannot ptrace us or read /proc/<pid>/{mem,fd,environ}.
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError("prctl failed")
    nonce = header["nonce"]
    verdict = grade(header)
    sys.stdout.write("CODEYARD-VERDICT %s %s\n" % (nonce, json.dumps(verdict)))
    sys.stdout.flush()


try:
    main()
except Exception as exc:  # noqa: BLE001 - any failure here is the grader's, reported as such
    sys.stderr.write("codeyard grader failed: %s\n" % exc)
    sys.exit(125)
