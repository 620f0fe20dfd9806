"""Container entry point: read the run's files from stdin, write them, then exec the program.

Wire format on stdin: "<n>\n" + n bytes of JSON {"files": [{"path", "content"}], "argv": [...]},
then the program's own stdin. os.read does no buffering, so exec'd program reads exactly what follows.
"""
import json
import os
import sys

MAX_HEADER = 16 * 1024 * 1024


def read_exact(n):
    chunks = []
    while n > 0:
        chunk = os.read(0, min(n, 65536))
        if not chunk:
            raise EOFError("stdin closed before the header ended")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_length():
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
    return n


def safe_path(path):
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts) or "\0" in path or "\n" in path:
        raise ValueError("bad path: %r" % path)
    return path


def main():
    header = json.loads(read_exact(read_length()))
    for f in header["files"]:
        path = safe_path(f["path"])
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(f["content"])
    argv = header["argv"]
    os.execvp(argv[0], argv)


try:
    main()
except Exception as exc:  # noqa: BLE001 - any failure here is the sandbox's, not the learner's
    sys.stderr.write("codeyard boot failed: %s\n" % exc)
    sys.exit(125)
