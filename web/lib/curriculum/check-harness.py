"""Runs one program against an exercise's tests on the host, with the semantics of tests.yaml.

For checking the curriculum's own content (reference.test.ts), never for learners' code: there is no sandbox here.
Reads {"code": str, "tests": [...], "timeoutSeconds"?: number} as JSON on stdin and writes a JSON list of results.
Every test runs in a fresh interpreter in a fresh directory holding the program as main.py.
"""

import ast
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = [sys.executable, "-I", "-B", "-X", "utf8"]

# Imports main.py as a module (its top-level code runs with empty stdin), evaluates `call` in its namespace and
# compares with the literal `expect`. The verdict goes to a file so that the program's own prints cannot forge it.
FUNCTION_CHILD = r"""
import ast, json, sys
workdir, call, expect, verdict_path = sys.argv[1:5]
sys.path.insert(0, workdir)
try:
    expected = ast.literal_eval(expect)
except Exception as error:
    verdict = {"passed": False, "detail": f"expect is not a Python literal: {error}"}
else:
    try:
        import main
        value = eval(call, vars(main))
        passed = bool(value == expected)
        verdict = {"passed": passed, "detail": "" if passed else f"{call} gave {value!r}, expected {expected!r}"}
    except BaseException as error:
        verdict = {"passed": False, "detail": f"{type(error).__name__}: {error}"}
with open(verdict_path, "w", encoding="utf-8") as out:
    json.dump(verdict, out)
"""


def normalize(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines)


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_test(code: str, test: dict, timeout: float) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        Path(workdir, "main.py").write_text(code, encoding="utf-8")
        verdict_path = Path(workdir, "verdict.json")
        is_function = "call" in test
        if is_function:
            args = [*PYTHON, "-c", FUNCTION_CHILD, workdir, test["call"], test["expect"], str(verdict_path)]
            stdin = ""
        else:
            args = [*PYTHON, "main.py"]
            stdin = test.get("stdin", "")
        started, cpu_before = time.monotonic(), cpu_seconds_of_children()
        try:
            done = subprocess.run(
                args, cwd=workdir, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=timeout
            )
        except subprocess.TimeoutExpired:
            done = None
        # CPU time says how heavy a program is even on a busy machine, where wall time does not.
        timing = {"ms": round((time.monotonic() - started) * 1000),
                  "cpuMs": round((cpu_seconds_of_children() - cpu_before) * 1000)}
        if done is None:
            return {"name": test["name"], "passed": False, "detail": f"timed out after {timeout} s", **timing,
                    "exitCode": None, "stderr": ""}
        result = {"name": test["name"], **timing, "exitCode": done.returncode, "stderr": done.stderr}
        if is_function:
            verdict = json.loads(verdict_path.read_text(encoding="utf-8")) if verdict_path.exists() else {
                "passed": False, "detail": f"the check did not finish: {done.stderr.strip()}"}
            return {**result, **verdict}
        passed = normalize(done.stdout) == normalize(test["stdout"])
        detail = "" if passed else f"printed {done.stdout!r}, expected {test['stdout']!r}"
        return {**result, "passed": passed, "detail": detail}


def main() -> None:
    request = json.load(sys.stdin)
    timeout = float(request.get("timeoutSeconds", 5))
    results = [run_test(request["code"], test, timeout) for test in request["tests"]]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
