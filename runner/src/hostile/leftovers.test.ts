// Nothing but the workspace the next run brings survives between two runs of one session: each case plants
// something in one run and looks for it in the next, in the same container.
import { readFile } from "node:fs/promises";
import { sandboxUser } from "@codeyard/sandbox";
import { afterAll, describe, expect, it } from "vitest";
import { ownContainers, processesOf, releaseTestPool, runAs, sessionContainer } from "../testing";
import { lines } from "./harness";

afterAll(async () => {
  await releaseTestPool();
  expect(await ownContainers()).toEqual([]);
});

/** Runs `plant`, then `look` in the same session sandbox; answers the second run's stdout. */
async function plantThenLook(user: string, plant: string, planted: string, look: string): Promise<string> {
  const first = await runAs(user, "python", plant);
  expect(first, first.stderr).toMatchObject({ status: "ok", stdout: planted });
  const container = sessionContainer(user, "python");
  expect(container).toBeDefined();
  const second = await runAs(user, "python", look);
  expect(second, second.stderr).toMatchObject({ status: "ok" });
  expect(sessionContainer(user, "python")).toBe(container);
  return second.stdout;
}

const sysv = lines(
  "import ctypes, os",
  "libc = ctypes.CDLL(None, use_errno=True)",
  "IPC_CREAT = 0o1000",
  "def ids(kind):",
  "    return [l.split()[1] for l in open('/proc/sysvipc/' + kind).read().splitlines()[1:]]",
);

describe.concurrent("between two runs of one session", () => {
  it("no process of the last run is left, and none runs as a host user", async () => {
    const plant = lines(
      "import os, signal, time",
      "if os.fork() == 0:",
      "    os.setsid()",
      "    signal.signal(signal.SIGTERM, signal.SIG_IGN)",
      "    while True:",
      "        time.sleep(1)",
      "print('planted')",
    );
    const first = await runAs("left-procs", "python", plant);
    expect(first).toMatchObject({ status: "ok", stdout: "planted\n" });
    // Seen from the host, the sandbox's processes (the supervisor, the daemon) belong to the sandbox uid.
    const container = sessionContainer("left-procs", "python") ?? "";
    const hostPids = await processesOf(container);
    expect(hostPids.length).toBeGreaterThanOrEqual(1);
    for (const pid of hostPids) {
      const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
      if (status) expect(/^Uid:\s+(\d+)/m.exec(status)?.[1], status).toBe(String(sandboxUser.uid));
    }
    const next = await runAs(
      "left-procs",
      "python",
      lines("import os", "print(sorted(p for p in os.listdir('/proc') if p.isdigit()))"),
    );
    expect(next.stdout).toMatch(/^\['1', '\d+'\]\n$/);
    expect(sessionContainer("left-procs", "python")).toBe(container);
  });

  it("/tmp and /dev/shm are empty", async () => {
    const plant = lines(
      "import os",
      "open('/tmp/left', 'w').write('x')",
      "open('/dev/shm/left', 'w').write('x')",
      "os.makedirs('/dev/shm/locked/deep')",
      "os.chmod('/dev/shm/locked', 0)",
      "import _posixshmem",
      "_posixshmem.shm_open('/codeyard-left', os.O_CREAT | os.O_RDWR, 0o600)",
      "print('planted', len(os.listdir('/dev/shm')))",
    );
    const look = "import os\nprint(os.listdir('/tmp'), os.listdir('/dev/shm'))";
    expect(await plantThenLook("left-files", plant, "planted 3\n", look)).toBe("[] []\n");
  });

  it("SysV shared memory, semaphores and message queues are removed", async () => {
    const plant = lines(
      sysv,
      "shm = libc.shmget(0x0C0DE, 65536, IPC_CREAT | 0o600)",
      "sem = libc.semget(0x0C0DF, 1, IPC_CREAT | 0o600)",
      "msg = libc.msgget(0x0C0E0, IPC_CREAT | 0o600)",
      "libc.shmat(shm, None, 0)  # attached, so only removal on the way out frees it",
      "print('planted', min(shm, sem, msg) >= 0, len(ids('shm')), len(ids('sem')), len(ids('msg')))",
    );
    const look = lines(
      sysv,
      "again = [libc.shmget(0x0C0DE, 0, 0), libc.semget(0x0C0DF, 0, 0), libc.msgget(0x0C0E0, 0)]",
      "print(ids('shm'), ids('sem'), ids('msg'), again, os.strerror(ctypes.get_errno()))",
    );
    const out = await plantThenLook("left-sysv", plant, "planted True 1 1 1\n", look);
    expect(out).toBe("[] [] [] [-1, -1, -1] No such file or directory\n");
  });

  it("POSIX message queues are removed", async () => {
    const mq = lines(
      "import ctypes, os",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "libc.mq_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]",
    );
    const plant = lines(
      mq,
      "fd = libc.mq_open(b'/codeyard-left', os.O_CREAT | os.O_RDWR, 0o600, None)",
      "print('planted', fd >= 0, os.listdir('/dev/mqueue'))",
    );
    const look = lines(
      mq,
      "fd = libc.mq_open(b'/codeyard-left', os.O_RDWR, 0, None)",
      "print(os.listdir('/dev/mqueue'), fd, os.strerror(ctypes.get_errno()))",
    );
    const out = await plantThenLook("left-mqueue", plant, "planted True ['codeyard-left']\n", look);
    expect(out).toBe("[] -1 No such file or directory\n");
  });

  it("inotify instances held by the last run are freed: the next run can create a hundred", async () => {
    // The kernel counts inotify instances per uid (128 here): the planted daemon holds 120 of them.
    const plant = lines(
      "import ctypes, os, time",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "fds = [libc.inotify_init() for _ in range(120)]",
      "print('planted', sum(fd >= 0 for fd in fds), flush=True)",
      "if os.fork() == 0:",
      "    os.setsid()",
      "    while True:",
      "        time.sleep(1)",
    );
    const look = lines(
      "import ctypes",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "n = 0",
      "while n < 100 and libc.inotify_init() >= 0:",
      "    n += 1",
      "print(n)",
    );
    expect(await plantThenLook("left-inotify", plant, "planted 120\n", look)).toBe("100\n");
  });
});
