"""What the supervisor does between two runs: nothing but a fresh /workspace may outlive a run.

Except a terminal's: a shell the host started with `docker exec` (the learner's terminal) has its parent outside
the sandbox (ppid 0), which no process a run starts can have, and no run's process can join its session. While one
is there, its session's processes are spared and /workspace, /tmp and /dev/shm are the terminal's too: they are
not emptied after a run, and a run overwrites only the files of its manifest (see supervisor.write_files).

Every process but PID 1 is SIGKILLed and reaped; /workspace, /tmp and /dev/shm are emptied; SysV shared memory,
semaphores and message queues and POSIX message queues are removed. The container has its own IPC namespace, so
everything listed there is the last run's. inotify instances, sockets, locks and timers belong to processes and
die with them. `scrub()` answers whether it could prove the sandbox clean; the host replaces it when not.
"""
import ctypes
import os
import signal
import time

SCRATCH = ("/workspace", "/tmp", "/dev/shm")
MQUEUE = "/dev/mqueue"
IPC_RMID = 0

libc = ctypes.CDLL(None, use_errno=True)

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


def parent_and_session(pid):
    """(ppid, session id) from /proc/PID/stat, or None once the process is gone."""
    try:
        with open("/proc/%s/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[1]), int(fields[3])
    except (OSError, IndexError, ValueError):
        return None


def terminal_pids():
    """Processes of the host's `docker exec` shells: parent outside the sandbox, or in such a shell's session."""
    stats = {pid: parent_and_session(pid) for pid in others()}
    leaders = {int(pid) for pid, st in stats.items() if st and st[0] == 0}
    return {pid for pid, st in stats.items() if st and (st[0] == 0 or st[1] in leaders)}


def terminal_open():
    return bool(terminal_pids())


def kill_all():
    """SIGKILLs every other process in the sandbox but a terminal's, again while a fork race leaves survivors."""
    deadline = time.monotonic() + 2
    while True:
        spared = terminal_pids()
        if not spared:
            try:
                os.kill(-1, signal.SIGKILL)  # from PID 1: everything but ourselves
            except ProcessLookupError:
                pass
        else:
            for pid in others():
                if pid not in spared:
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        reap()
        left = set(others()) - terminal_pids()
        if not left or time.monotonic() > deadline:
            return not left
        time.sleep(0.002)


def wipe(root):
    """Empties root whatever modes the last run left; only the supervisor runs while it does."""
    try:
        os.chmod(root, 0o700 if root == "/workspace" else 0o1777)
    except PermissionError:
        pass  # /tmp and /dev/shm belong to root: their modes cannot have changed
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


def sysv_ids(kind):
    """Ids of the SysV IPC objects of this namespace: kind is shm, sem or msg."""
    try:
        with open("/proc/sysvipc/" + kind) as f:
            rows = f.read().splitlines()[1:]
    except FileNotFoundError:
        return []
    return [int(row.split()[1]) for row in rows if row.strip()]


def remove_ipc():
    for shmid in sysv_ids("shm"):
        libc.shmctl(shmid, IPC_RMID, None)
    for semid in sysv_ids("sem"):
        libc.semctl(semid, 0, IPC_RMID)
    for msqid in sysv_ids("msg"):
        libc.msgctl(msqid, IPC_RMID, None)
    if os.path.isdir(MQUEUE):
        for name in os.listdir(MQUEUE):
            os.unlink(os.path.join(MQUEUE, name))


def ipc_left():
    queues = os.listdir(MQUEUE) if os.path.isdir(MQUEUE) else []
    return sysv_ids("shm") + sysv_ids("sem") + sysv_ids("msg") + queues


def scrub():
    """Kills, reaps and wipes; True when nothing of the last run is left but what the next run brings."""
    clean = kill_all()
    if terminal_open():
        return clean
    try:
        for root in SCRATCH:
            wipe(root)
        remove_ipc()
    except OSError:
        return False
    return clean and not ipc_left()
