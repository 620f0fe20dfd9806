"""A session's workspace: the files of its last run, kept by content hash in PID 1's memory.

A run in a session sends a manifest (every file's path and sha256) and content only for the files the caller
thinks changed. Content for the other hashes comes from the store; when some is in neither, the run does not
start and the host is told which paths to send again. The program cannot alter the store (PID 1 is
non-dumpable), so /workspace, rebuilt from it before every run, is always exactly the manifest: files a program
wrote, changed or deleted there are not carried into the next run.
"""
import hashlib
import re

MAX_FILES = 200
MAX_FILE = 256 * 1024
MAX_TOTAL = 5 * 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")

STORE = {}  # sha256 hex -> bytes: exactly the last synced manifest's contents


def resolve(workspace):
    """[(path, bytes)] of the manifest, or (None, missing paths) when some content is unknown."""
    entries = workspace.get("files")
    contents = workspace.get("contents") or {}
    if not isinstance(entries, list) or not 0 < len(entries) <= MAX_FILES or not isinstance(contents, dict):
        raise ValueError("bad workspace manifest")
    offered = {}
    for digest, text in contents.items():
        data = text.encode("utf-8") if isinstance(text, str) else None
        if data is None or len(data) > MAX_FILE or hashlib.sha256(data).hexdigest() != digest:
            raise ValueError("content does not match its sha256")
        offered[digest] = data
    files, missing, total, seen = [], [], 0, set()
    for entry in entries:
        path, digest = entry.get("path"), entry.get("sha256")
        if not isinstance(path, str) or not isinstance(digest, str) or not SHA256.match(digest) or path in seen:
            raise ValueError("bad manifest entry")
        seen.add(path)
        data = offered.get(digest, STORE.get(digest))
        if data is None:
            missing.append(path)
            continue
        total += len(data)
        files.append((path, data))
    if missing:
        return None, missing
    if total > MAX_TOTAL:
        raise ValueError("workspace is larger than 5 MiB")
    return files, []


def keep(files):
    """The store becomes exactly these files' contents."""
    STORE.clear()
    for _, data in files:
        STORE[hashlib.sha256(data).hexdigest()] = data
