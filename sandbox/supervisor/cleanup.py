"""What the supervisor does between two runs: nothing but a fresh /workspace may outlive a run.

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
    try:
        for root in SCRATCH:
            wipe(root)
        remove_ipc()
    except OSError:
        return False
    return clean and not ipc_left()
