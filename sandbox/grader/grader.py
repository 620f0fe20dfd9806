"""Grades a learner's program against the exercise's tests, inside a one-shot sandbox container.

One grader for every language: the runner sends it as a file next to the learner's (which the supervisor has
already written to /workspace) and has the supervisor run it as ["python3", "-I", file] in the Python or the
Node.js image: nothing of /workspace is on its sys.path, so a learner's json.py or random.py is never imported
here. Wire format on stdin: "<n>\\n" + n bytes of JSON
  {"tests": [...], "nonce": "<hex>", "perTestMs": int, "language": "python" | "javascript", "harness": "<js>"}
("harness" is harness.js, for JavaScript only: it reaches the test processes as `node -e`, never as a file the
learner's code could rewrite between tests).
Answer on stdout: exactly one line "CODEYARD-VERDICT <nonce> <json>" (Exercism results v3 shape).

Shown and hidden tests: a test with "shown": true may tell the learner its call or input, the expected value and
what their program printed. Any other test is hidden: its result carries its name, its status and the author's
"hint" (or a fixed sentence), never its call, input, expected value, or anything the learner's code printed or
raised (that could echo the input).

The comparison rule (COMPARISON and JS_COMPARISON below): a program test passes when stdout equals the expected
text after normalising line ends to \\n, dropping trailing spaces of each line and trailing blank lines.
Python: a function test passes when the returned value equals the expected literal with the same type at every
depth: 3 and 3.0 differ, "3" and 3 differ, True and 1 differ, a list and a tuple differ; dict order does not
matter; floats are equal within a relative 1e-9 (or 1e-12 absolute, for values near zero).
JavaScript: "expect" is JSON, and the returned value must be the same JSON value at every depth (null, a
boolean, a number, a string, an array, a plain object): "3" and 3 differ, null and undefined differ, an array
keeps its order, an object's key order does not matter, numbers are equal within the same 1e-9; anything else
(undefined, a function, a Map, a class instance, NaN for a number) fails.

Why the learner cannot forge a pass:
- The learner's code never runs in this process: each test runs in a freshly exec'd python3 (JavaScript:
  a grading's function tests run in turn in one fresh node, see run_function_tests), with its own
  stdin/stdout/stderr pipes and no copy of this process's memory.
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
import re
import secrets
import selectors
import signal
import subprocess
import sys
import time

MAX_HEADER = 16 * 1024 * 1024
OUTPUT_LIMIT = 500
MAX_CAPTURE = 1024 * 1024
PR_SET_DUMPABLE = 4
OUT_OF_CPU = "Your code took too long (it used up its CPU time): is there an infinite loop?"
CHILD = r"""
import os, sys
def _run(call, token_fd, result_fd):
    # The token is read, and its pipe closed, before any learner code is imported.
    token = os.read(token_fd, 32).decode()
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


def run_program_test(lang, test, timeout):
    try:
        done = subprocess.run(lang["program"], input=test.get("stdin", "").encode(), capture_output=True,
                              timeout=timeout, cwd="/workspace", env=child_env(), start_new_session=True)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return {"status": "error", "message": "Your program took too long (timed out): is there an infinite loop?",
                "output": clip(out)}
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    shown = clip(out + err)
    if done.returncode == -signal.SIGXCPU:
        return {"status": "error", "message": OUT_OF_CPU, "output": shown}
    if done.returncode != 0:
        return {"status": "error", "message": lang["error_line"](err), "output": shown}
    if normalise(out) == normalise(test["stdout"]):
        return {"status": "pass", "output": shown}
    return {"status": "fail", "output": shown,
            "message": "Expected your program to print:\n%s\nbut it printed:\n%s" % (test["stdout"], out or "(nothing)")}


def judge(lang, test, message, shown):
    """The outcome of one function test from its (token-checked) message."""
    if not message.get("ok"):
        return {"status": "error", "output": shown, "message": str(message.get("error", "error"))[:300]}
    expected = lang["expected"](test["expect"])
    try:
        same, actual = lang["compare"](message["value"], expected)
    except (TypeError, ValueError, KeyError, IndexError, RecursionError):
        return {"status": "error", "output": shown, "message": "Your code returned a value the tests cannot read."}
    if same:
        return {"status": "pass", "output": shown}
    return {"status": "fail", "output": shown, "message": "%s should give %s, but it gave %s"
            % (test["call"], clip(lang["show"](expected)), clip(lang["show"](actual)))}


def drain(fd, into):
    """Reads what the pipe holds now (non-blocking); False once it is closed."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return False
        if len(into) < MAX_CAPTURE:
            into += chunk


def run_function_tests(lang, tests, timeout, until):
    """Runs the calls of `tests` in one fresh process, each with its own token (Python: always one test).

    Answers outcomes for a prefix of `tests`: every test up to and including the first that did not send its
    message in time (an early exit, a crash, a timeout, a message with the wrong token). Each test's output is
    what the process printed after the previous message and before its own: writes to a pipe are synchronous,
    so a test's prints are in the pipe before its message is, and the next test waits for its token, which is
    sent only once this process has read the message and the output before it.
    """
    tokens = [secrets.token_hex(16) for _ in tests]
    token_r, token_w = os.pipe()
    result_r, result_w = os.pipe()
    os.write(token_w, tokens[0].encode())
    if len(tests) == 1:
        os.close(token_w)
        token_w = None
    try:
        proc = subprocess.Popen(
            lang["function"]([t["call"] for t in tests], token_r, result_w), cwd="/workspace",
            env=child_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True, pass_fds=(token_r, result_w),
        )
    finally:
        os.close(token_r)
        os.close(result_w)
    fds = {proc.stdout.fileno(): bytearray(), proc.stderr.fileno(): bytearray(), result_r: bytearray()}
    selector = selectors.DefaultSelector()
    for fd in fds:
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ)
    open_fds = set(fds)
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    seen = [0, 0]

    def close(fd):
        open_fds.discard(fd)
        selector.unregister(fd)

    def output():
        for fd in (out_fd, err_fd):
            if fd in open_fds and not drain(fd, fds[fd]):
                close(fd)
        text = bytes(fds[out_fd][seen[0]:]) + bytes(fds[err_fd][seen[1]:])
        seen[0], seen[1] = len(fds[out_fd]), len(fds[err_fd])
        return clip(text.decode("utf-8", "replace"))

    outcomes = []
    failure = None
    # The first test also waits for the process to start: on a busy host a node start alone takes seconds.
    deadline = min(time.monotonic() + 2 * timeout, until)
    try:
        while len(outcomes) < len(tests) and failure is None:
            pending = fds[result_r]
            if b"\n" in pending:
                line, _, rest = bytes(pending).partition(b"\n")
                fds[result_r] = bytearray(rest)
                if not line.strip():
                    continue
                try:
                    message = json.loads(line)
                except ValueError:
                    message = None
                test = tests[len(outcomes)]
                if not isinstance(message, dict) or message.get("token") != tokens[len(outcomes)]:
                    failure = {"status": "error", "message": "Your program interfered with the test runner."}
                    break
                outcomes.append(judge(lang, test, message, output()))
                if token_w is not None and len(outcomes) < len(tests):
                    os.write(token_w, tokens[len(outcomes)].encode())
                if token_w is not None and len(outcomes) == len(tests) - 1:
                    os.close(token_w)
                    token_w = None
                deadline = min(time.monotonic() + timeout, until)
                continue
            if result_r not in open_fds:
                # Its end of the channel is closed: it exited, or was killed (by its CPU limit, SIGXCPU: an
                # infinite loop on a busy host may use up its CPU time before the wall clock runs out).
                try:
                    code = proc.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    code = None
                if code == -signal.SIGXCPU:
                    failure = {"status": "error", "message": OUT_OF_CPU}
                else:
                    failure = {"status": "error", "message": "Your program stopped before the test could finish "
                               "(did it call %s?)." % lang["exit"]}
                break
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                failure = {"status": "error",
                           "message": "Your code took too long (timed out): is there an infinite loop?"}
                break
            for key, _ in selector.select(remaining):
                if key.fd in open_fds and not drain(key.fd, fds[key.fd]):
                    close(key.fd)
    finally:
        if token_w is not None:
            os.close(token_w)
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass
        proc.wait()
        if failure is not None:
            failure["output"] = output()
        selector.close()
        proc.stdout.close()
        proc.stderr.close()
        os.close(result_r)
    return outcomes + ([failure] if failure is not None else [])


def check_python(_timeout):
    try:
        with open("main.py", encoding="utf-8") as f:
            compile(f.read(), "main.py", "exec")
    except SyntaxError as e:
        return "%s%s" % ("Line %d: " % e.lineno if e.lineno else "", e.msg)
    return None


def compare_python(value, expected):
    actual = from_canon(value)
    # The tree must be what its own value gives back (well formed), then equal to the expected one.
    return value == canon_expected(actual) and equal(value, canon_expected(expected)), actual


# --- JavaScript: main.js, run by node; function tests through harness.js ---

JS_KINDS = {"undefined": 1, "null": 1, "boolean": 2, "number": 2, "string": 2, "array": 2, "object": 2}
JS_NON_FINITE = ("NaN", "Infinity", "-Infinity")


def js_error_line(stderr):
    """Node's report of an uncaught error: "Line <n>: <Kind>Error: <message>" from its location and error lines."""
    lines = [line.strip() for line in stderr.splitlines()]
    where = next((m.group(1) for m in (re.match(r"^/workspace/main\.js:(\d+)$", line) for line in lines) if m), None)
    error = next((line for line in lines if re.match(r"^[A-Za-z]*(Error|Exception)\b", line)), None)
    return ("Line %s: " % where if where else "") + (error or "the program crashed")


def check_javascript(timeout):
    try:
        done = subprocess.run(["node", "--check", "main.js"], capture_output=True, timeout=timeout,
                              cwd="/workspace", env=child_env(), stdin=subprocess.DEVNULL, start_new_session=True)
    except subprocess.TimeoutExpired:
        return None  # the tests themselves will say what is wrong
    return None if done.returncode == 0 else js_error_line(done.stderr.decode("utf-8", "replace"))


def js_tree(v, depth=0):
    """An expected JSON value as the canonical tree harness.js sends for a returned one."""
    if depth > 20:
        raise ValueError("nested too deeply")
    if v is None:
        return ["null"]
    if isinstance(v, bool):
        return ["boolean", v]
    if isinstance(v, (int, float)):
        return ["number", v if math.isfinite(v) else ("NaN" if v != v else "Infinity" if v > 0 else "-Infinity")]
    if isinstance(v, str):
        return ["string", v]
    if isinstance(v, list):
        return ["array", [js_tree(x, depth + 1) for x in v]]
    if isinstance(v, dict):
        return ["object", [[k, js_tree(x, depth + 1)] for k, x in v.items()]]
    raise TypeError(type(v).__name__)


def js_well_formed(t, depth=0):
    if not isinstance(t, list) or not t or t[0] not in JS_KINDS or len(t) != JS_KINDS[t[0]] or depth > 22:
        return False
    kind = t[0]
    if kind in ("undefined", "null"):
        return True
    v = t[1]
    if kind == "boolean":
        return isinstance(v, bool)
    if kind == "number":
        return (type(v) in (int, float) and math.isfinite(v)) or v in JS_NON_FINITE
    if kind == "string":
        return isinstance(v, str)
    if kind == "array":
        return isinstance(v, list) and all(js_well_formed(x, depth + 1) for x in v)
    pairs = v if isinstance(v, list) else None
    if pairs is None or not all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pairs):
        return False
    return len({p[0] for p in pairs}) == len(pairs) and all(js_well_formed(p[1], depth + 1) for p in pairs)


def js_equal(a, b):
    """JS_COMPARISON: the same JSON value at every depth; numbers within 1e-9 relative; objects in any key order."""
    if a[0] != b[0]:
        return False
    kind = a[0]
    if kind in ("undefined", "null"):
        return True
    if kind == "number":
        if isinstance(a[1], str) or isinstance(b[1], str):
            return a[1] == b[1]
        return math.isclose(a[1], b[1], rel_tol=1e-9, abs_tol=1e-12)
    if kind == "array":
        return len(a[1]) == len(b[1]) and all(js_equal(x, y) for x, y in zip(a[1], b[1]))
    if kind == "object":
        mine, theirs = dict(a[1]), dict(b[1])
        return mine.keys() == theirs.keys() and all(js_equal(v, theirs[k]) for k, v in mine.items())
    return a[1] == b[1]


def js_show(t):
    """A tree written the way JavaScript code would write the value."""
    kind = t[0]
    if kind in ("undefined", "null"):
        return kind
    v = t[1]
    if kind == "boolean":
        return "true" if v else "false"
    if kind == "number":
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return str(v) if isinstance(v, str) else repr(v)
    if kind == "string":
        return json.dumps(v, ensure_ascii=False)
    if kind == "array":
        return "[" + ", ".join(js_show(x) for x in v) + "]"
    return "{" + ", ".join("%s: %s" % (json.dumps(k, ensure_ascii=False), js_show(x)) for k, x in v) + "}"


def compare_javascript(value, expected):
    if not js_well_formed(value):
        raise ValueError("not a canonical tree")
    return js_equal(value, expected), value


def language(header):
    """What differs between the languages; the rest of the grader is the same for both."""
    if header.get("language", "python") == "javascript":
        harness = header["harness"]
        return {"check": check_javascript, "check_first": False, "program": ["node", "main.js"],
                "exit": "process.exit()", "batch": True,
                "function": lambda calls, token_r, result_w: ["node", "-e", harness, "--", json.dumps(calls),
                                                              str(token_r), str(result_w)],
                "error_line": js_error_line, "expected": lambda expect: js_tree(json.loads(expect)),
                "compare": compare_javascript, "show": js_show}
    return {"check": check_python, "check_first": True, "program": ["python3", "-u", "main.py"], "exit": "exit()",
            "batch": False,
            "function": lambda calls, token_r, result_w: ["python3", "-I", "-c", CHILD, calls[0], str(token_r),
                                                          str(result_w)],
            "error_line": last_error_line, "expected": ast.literal_eval, "compare": compare_python, "show": repr}


def syntax_error(tests, problem):
    return {"version": 3, "status": "error", "message": problem,
            "tests": [{"name": t["name"], "status": "error"} for t in tests]}


def grade(header):
    os.chdir("/workspace")
    tests = header["tests"]
    lang = language(header)
    per_test = max(0.5, header.get("perTestMs", 3000) / 1000)
    # Python compiles in this process for free; `node --check` costs a node start, so only after a test's error.
    problem = lang["check"](per_test) if lang["check_first"] else None
    if problem is not None:
        return syntax_error(tests, problem)
    results = []
    deadline = time.monotonic() + per_test * len(tests) + 1
    while len(results) < len(tests):
        test = tests[len(results)]
        remaining = deadline - time.monotonic()
        if remaining <= 0.2:
            results.append({"name": test["name"], "status": "error", "message": "Not run: out of time."})
            continue
        if "call" in test:
            # JavaScript runs the function tests that follow in one node process (a node start costs ~0.1 s).
            batch = [test]
            while lang["batch"] and len(results) + len(batch) < len(tests) and "call" in tests[len(results) + len(batch)]:
                batch.append(tests[len(results) + len(batch)])
            outcomes = run_function_tests(lang, batch, min(per_test, remaining), deadline)
        else:
            outcomes = [run_program_test(lang, test, min(per_test, remaining))]
        for outcome in outcomes:
            test = tests[len(results)]
            if "CODEYARD-VERDICT" in outcome.get("output", ""):
                outcome = {"status": "error", "message": "Your program tried to print a fake test result.",
                           "output": outcome.get("output", "")}
            if test.get("shown") is not True:
                outcome = hide(test, outcome)
            results.append({"name": test["name"], **outcome})
    statuses = {r["status"] for r in results}
    if not lang["check_first"] and "error" in statuses and deadline - time.monotonic() > 0.5:
        problem = lang["check"](deadline - time.monotonic())
        if problem is not None:
            return syntax_error(tests, problem)
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
