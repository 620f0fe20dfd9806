import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { limitDefaults } from "../contract";
import type { ProgramFiles, RunExtras } from "../testing";
import { contain, lines, planted, setUpHostileSuite } from "./harness";

const py = (program: ProgramFiles, extra: RunExtras = {}) => contain("python", program, extra);

const hostPort = setUpHostileSuite();

describe.concurrent("hostile Python programs", () => {
  it("a fork bomb is held by the pids limit and stopped at the CPU limit", async () => {
    const program = lines(
      "import os",
      "print('forking', flush=True)",
      "while True:",
      "    try:",
      "        os.fork()",
      "    except OSError:",
      "        pass",
    );
    const result = await py(program, { limits: { cpuMs: 1000, wallMs: 15_000 } });
    expect(result).toMatchObject({ status: "cpu_limit", stdout: "forking\n" });
  });

  it("a thread bomb stops below the pids limit", async () => {
    const program = lines(
      "import threading, time",
      "n = 0",
      "try:",
      "    while True:",
      "        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()",
      "        n += 1",
      "except RuntimeError as e:",
      "    print('threads', n, type(e).__name__)",
    );
    const result = await py(program);
    expect(result.status).toBe("ok");
    const [, count, error] = /^threads (\d+) (\w+)\n$/.exec(result.stdout) ?? [];
    expect(Number(count)).toBeGreaterThan(10);
    expect(Number(count)).toBeLessThan(64);
    expect(error).toBe("RuntimeError");
  });

  it("a memory bomb ends in the kernel's OOM kill", async () => {
    const result = await py("x = []\nwhile True:\n    x.append(bytearray(10 ** 7))", { limits: { memoryMb: 64 } });
    expect(result).toMatchObject({ status: "memory_limit", exitCode: 137, signal: null });
    expect(result.memoryKib).toBeGreaterThan(40 * 1024);
  });

  it("RAM through tmpfs stops at each mount's size", async () => {
    const program = lines(
      "import errno",
      "def fill(path):",
      "    written = 0",
      "    try:",
      "        with open(path, 'wb') as f:",
      "            while written < 200 * 2 ** 20:",
      "                f.write(b'x' * 2 ** 20)",
      "                f.flush()",
      "                written += 2 ** 20",
      "    except OSError as e:",
      "        return '%d %s' % (written // 2 ** 20, errno.errorcode[e.errno])",
      "    return 'unbounded'",
      "for path in ('/tmp/fill', '/workspace/fill', '/dev/shm/fill'):",
      "    print(path, fill(path))",
    );
    const result = await py(program);
    expect(result.status).toBe("ok");
    for (const line of result.stdout.trim().split("\n")) {
      const [, mib, error] = /^\S+ (\d+) (\w+)$/.exec(line) ?? [];
      expect(error, line).toBe("ENOSPC");
      expect(Number(mib), line).toBeLessThanOrEqual(16);
    }
  });

  it("inode, file-descriptor and read-only-root exhaustion all fail cleanly", async () => {
    const program = lines(
      "import errno, os",
      "n = 0",
      "try:",
      "    while True:",
      "        open('/workspace/f%d' % n, 'w').close()",
      "        n += 1",
      "except OSError as e:",
      "    print('inodes', n < 4096, errno.errorcode[e.errno])",
      "fds = []",
      "try:",
      "    while True:",
      "        fds.append(os.open('/workspace/f0', os.O_RDONLY))",
      "except OSError as e:",
      "    print('fds', len(fds) < 256, errno.errorcode[e.errno])",
      "for fd in fds:",
      "    os.close(fd)",
      "try:",
      "    open('/usr/evil', 'w')",
      "except OSError as e:",
      "    print('rootfs', errno.errorcode[e.errno])",
    );
    const result = await py(program);
    expect(result).toMatchObject({ status: "ok", stdout: "inodes True ENOSPC\nfds True EMFILE\nrootfs EROFS\n" });
  });

  it("files written by one run are not there for the next", async () => {
    const writer = "open('/tmp/marker', 'w').write('x')\nopen('/workspace/marker', 'w').write('x')\nprint('written')";
    expect(await py(writer)).toMatchObject({ status: "ok", stdout: "written\n" });
    const reader = await py("import os\nprint(sorted(os.listdir('/workspace')), sorted(os.listdir('/tmp')))");
    expect(reader).toMatchObject({ status: "ok", stdout: "['main.py'] []\n" });
  });

  it("one huge line without a newline is cut at the output cap", async () => {
    const result = await py("import sys\nsys.stdout.write('x' * 50_000_000)");
    expect(result).toMatchObject({ status: "output_limit", truncated: true });
    expect(result.stdout).toBe("x".repeat(limitDefaults.outputBytes));
  });

  it("a CPU spin ends at the CPU limit", async () => {
    const result = await py("while True:\n    pass", { limits: { cpuMs: 800 } });
    expect(result).toMatchObject({ status: "cpu_limit", signal: null });
    expect(result.cpuMs).toBeGreaterThanOrEqual(800);
  });

  it("sleeping forever ends at the wall limit having used almost no CPU", async () => {
    const result = await py("import time\ntime.sleep(10 ** 6)", { limits: { wallMs: 3000 } });
    expect(result).toMatchObject({ status: "timeout" });
    expect(result.wallMs).toBeGreaterThanOrEqual(3000);
    // The host's timer, not the program, ends it: well before the next test's worth of time has passed.
    expect(result.wallMs).toBeLessThan(10_000);
    expect(result.cpuMs).toBeLessThan(1000);
  });

  it("output printed before a hang is kept, even without a newline", async () => {
    // A forked interpreter prints within milliseconds; 4 s leave room for a busy machine.
    const result = await py("import time\nprint('partial', end='')\ntime.sleep(100)", { limits: { wallMs: 4000 } });
    expect(result).toMatchObject({ status: "timeout", stdout: "partial" });
  });

  it("reading stdin that was never sent gets EOF at once", async () => {
    const result = await py("import sys\nprint(repr(sys.stdin.read()))\ninput()");
    expect(result).toMatchObject({ status: "runtime_error", exitCode: 1, stdout: "''\n" });
    expect(result.stderr).toContain("EOFError");
    // Ended by EOF, not by the 15 s wall limit.
    expect(result.wallMs).toBeLessThan(10_000);
  });

  it("daemonised grandchildren that ignore SIGTERM die when the program ends", async () => {
    const program = lines(
      "import os, signal, time",
      "if os.fork() == 0:",
      "    os.setsid()",
      "    if os.fork() == 0:",
      "        signal.signal(signal.SIGTERM, signal.SIG_IGN)",
      "        signal.signal(signal.SIGHUP, signal.SIG_IGN)",
      "        while True:",
      "            time.sleep(1)",
      "    os._exit(0)",
      "time.sleep(0.3)",
      "print('parent exits')",
    );
    // Were the run waiting for the grandchild, it would end as timeout.
    const result = await py(program);
    expect(result).toMatchObject({ status: "ok", stdout: "parent exits\n" });
    expect(result.wallMs).toBeLessThan(12_000);
  });

  it("has no network and cannot reach host ports on 127.0.0.1 or the Docker socket", async () => {
    const program = lines(
      "import json, os, socket, sys",
      "ifaces = [l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:]]",
      "routes = open('/proc/net/route').read().splitlines()[1:]",
      "ports = {}",
      "for port in (int(sys.stdin.read()), 5432, 6379, 2375):",
      "    s = socket.socket()",
      "    s.settimeout(1)",
      "    try:",
      "        s.connect(('127.0.0.1', port))",
      "        ports[port] = 'open'",
      "    except OSError as e:",
      "        ports[port] = type(e).__name__",
      "    s.close()",
      "sockets = [p for p in ('/var/run/docker.sock', '/run/docker.sock', '/run/containerd') if os.path.exists(p)]",
      "print(json.dumps({'ifaces': ifaces, 'routes': routes, 'ports': sorted(set(ports.values())), 'sockets': sockets}))",
    );
    const result = await py(program, { stdin: String(hostPort()) });
    expect(result.status).toBe("ok");
    expect(JSON.parse(result.stdout)).toEqual({
      ifaces: ["lo"],
      routes: [],
      ports: ["ConnectionRefusedError"],
      sockets: [],
    });
  });

  it("symlinks and hardlinks to host files give the sandbox nothing", async () => {
    const program = lines(
      "import errno, os",
      "os.symlink('/etc/shadow', '/workspace/shadow')",
      "os.symlink('/', '/workspace/root')",
      "try:",
      "    os.link('/etc/passwd', '/workspace/passwd')",
      "except OSError as e:",
      "    print('hardlink', errno.errorcode[e.errno])",
      "try:",
      "    open('/workspace/shadow').read()",
      "except OSError as e:",
      "    print('shadow', errno.errorcode[e.errno])",
      "print('root is the sandbox root', os.path.exists('/workspace/root/opt/codeyard/supervisor.py'))",
    );
    const result = await py(program);
    expect(result).toMatchObject({
      status: "ok",
      stdout: "hardlink EXDEV\nshadow EACCES\nroot is the sandbox root True\n",
    });
  });

  it("shell metacharacters and newlines in file names and stdin stay plain data", async () => {
    const marker = `/tmp/codeyard-pwned-${process.pid}`;
    const result = await py(
      [
        { path: "main.py", content: "import os, sys\nprint(sorted(os.listdir('.')))\nprint(sys.stdin.read(), end='')" },
        { path: `$(touch ${marker.slice(5)});\`id\`.py`, content: "x = 1" },
        { path: "dir with space/'quote\" |&;<>.txt", content: "$(id)" },
      ],
      { stdin: `$(touch ${marker})\n\`reboot\`\n; rm -rf /\n` },
    );
    expect(result.status).toBe("ok");
    expect(result.stdout).toBe(
      `['$(touch ${marker.slice(5)});\`id\`.py', 'dir with space', 'main.py']\n` +
        `$(touch ${marker})\n\`reboot\`\n; rm -rf /\n`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("paths the contract rejects are refused again by the supervisor", async () => {
    // runProgram skips the API's validation, so these reach the sandbox as they are.
    for (const path of ["../escape.py", "/etc/cron.d/x", "a\nb.py", "dir/../../x.py"]) {
      const result = await py([
        { path: "main.py", content: "print('never')" },
        { path, content: "x" },
      ]);
      expect(result, path).toMatchObject({ status: "internal_error", stdout: "" });
      expect(result.message, path).toContain("ValueError: bad path");
    }
  });

  it("sees none of the runner's secrets", async () => {
    const program = lines(
      "import os",
      "print(sorted(os.environ))",
      "for path in ('/proc/1/environ', '/proc/self/environ'):",
      "    try:",
      "        print(path, sorted(v.split(b'=')[0].decode() for v in open(path, 'rb').read().split(b'\\0') if v))",
      "    except OSError as e:",
      "        print(path, e.strerror)",
    );
    const result = await py(program);
    expect(result.status).toBe("ok");
    expect(result.stdout).toBe(
      "['HOME', 'LANG', 'MPLBACKEND', 'MPLCONFIGDIR', 'OPENBLAS_NUM_THREADS', 'PATH']\n" +
        "/proc/1/environ Permission denied\n" +
        // The block the supervisor was started with: Docker's explicit list plus the image's own variables.
        "/proc/self/environ ['HOME', 'HOSTNAME', 'LANG', 'MPLBACKEND', 'MPLCONFIGDIR', 'OPENBLAS_NUM_THREADS', " +
        "'PATH', 'PYTHONDONTWRITEBYTECODE']\n",
    );
    expect(process.env.RUNNER_TOKEN).toBe(planted.RUNNER_TOKEN);
    for (const secret of Object.values(planted)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("privilege escalation fails: setuid, capabilities, mount, unshare, chroot, ptrace", async () => {
    const program = lines(
      "import ctypes, errno, os",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "def call(name, *args):",
      "    if getattr(libc, name)(*args) == 0:",
      "        return 'ok'",
      "    return errno.errorcode[ctypes.get_errno()]",
      "def attempt(f, *args):",
      "    try:",
      "        f(*args)",
      "        return 'ok'",
      "    except OSError as e:",
      "        return errno.errorcode[e.errno]",
      "status = dict(l.split(':\\t', 1) for l in open('/proc/self/status').read().splitlines() if ':\\t' in l)",
      "caps = sorted({status[k].strip() for k in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb')})",
      "print('caps', caps, 'nnp', status['NoNewPrivs'].strip())",
      "print('setuid', attempt(os.setuid, 0), 'setgid', attempt(os.setgid, 0))",
      "print('mount', call('mount', b'none', b'/tmp', b'tmpfs', 0, None))",
      "print('unshare', call('unshare', 0x10000000 | 0x00020000))",
      "print('chroot', call('chroot', b'/tmp'))",
      "print('ptrace', call('ptrace', 16, 1, None, None))",
      "print('proc mem', attempt(open, '/proc/1/mem', 'rb'))",
      "os.kill(1, 9)",
      "print('still here')",
    );
    const result = await py(program);
    expect(result).toMatchObject({ status: "ok" });
    expect(result.stdout).toBe(
      [
        "caps ['0000000000000000'] nnp 1",
        "setuid EPERM setgid EPERM",
        "mount EPERM",
        "unshare EPERM",
        "chroot EPERM",
        "ptrace EPERM",
        "proc mem EACCES",
        "still here",
        "",
      ].join("\n"),
    );
  });

  it("dangerous syscalls are refused", async () => {
    const program = lines(
      "import ctypes, errno",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "calls = {'bpf': 321, 'perf_event_open': 298, 'kexec_load': 246, 'reboot': 169, 'keyctl': 250,",
      "         'add_key': 248, 'init_module': 175, 'swapon': 167, 'setns': 308, 'open_by_handle_at': 304,",
      "         'settimeofday': 164, 'iopl': 172, 'acct': 163, 'pivot_root': 155, 'userfaultfd': 323}",
      "results = {}",
      "for name, number in calls.items():",
      "    rc = libc.syscall(number, 0, 0, 0, 0, 0)",
      "    results[name] = 'ok' if rc >= 0 else errno.errorcode[ctypes.get_errno()]",
      "print(sorted(set(results.values())), [n for n, r in results.items() if r not in ('EPERM', 'ENOSYS')])",
    );
    const result = await py(program);
    expect(result.status).toBe("ok");
    const [codes, allowed] = result.stdout.trim().split("] ");
    expect(allowed).toBe("[]");
    expect(codes).toMatch(/^\['E[A-Z]+'(, 'E[A-Z]+')*$/);
  });

  it("stack overflows: RecursionError, a C stack overflow's SIGSEGV, or frames filling memory", async () => {
    const recursion = await py("def f(n):\n    return f(n + 1) + 1\nf(0)");
    expect(recursion).toMatchObject({ status: "runtime_error", exitCode: 1, signal: null });
    expect(recursion.stderr).toContain("RecursionError: maximum recursion depth exceeded");

    // repr recurses in C: with the recursion limit lifted it runs off the end of the 8 MiB stack.
    const nested = "import sys\nsys.setrecursionlimit(10 ** 7)\nx = []\nfor _ in range(300_000):\n    x = [x]\nrepr(x)";
    const segv = await py(nested);
    expect(segv).toMatchObject({ status: "runtime_error", exitCode: 139, signal: "SIGSEGV" });
    expect(segv.message).toBe("The program was killed by SIGSEGV (segmentation fault).");

    // Python-to-Python calls keep their frames on the heap: unbounded recursion ends in the OOM kill.
    const frames = await py("import sys\nsys.setrecursionlimit(10 ** 8)\ndef f(n):\n    return f(n + 1) + 1\nf(0)");
    expect(frames).toMatchObject({ status: "memory_limit" });
  });

  it("using many cores still gets half a CPU", async () => {
    const program = lines(
      "import os",
      "for _ in range(7):",
      "    if os.fork() == 0:",
      "        break",
      "while True:",
      "    pass",
    );
    const result = await py(program, { limits: { cpuMs: 1000, wallMs: 15_000 } });
    expect(result).toMatchObject({ status: "cpu_limit" });
    // 8 spinning processes at a 0.5-CPU quota: a second of CPU takes about two seconds.
    expect(result.wallMs).toBeGreaterThan((result.cpuMs ?? 0) * 1.6);
  });

  it("cannot tamper with its supervisor or forge its frames", async () => {
    const program = lines(
      "import errno, os, sys",
      "for path in ('/proc/1/fd/1', '/proc/1/fd/0'):",
      "    try:",
      "        open(path, 'wb')",
      "    except OSError as e:",
      "        print(path, errno.errorcode[e.errno])",
      "sys.stdout.buffer.write(b'X\\x00\\x00\\x00\\x0b{\"code\":0}')",
      "sys.stdout.flush()",
      "sys.exit(3)",
    );
    const result = await py(program);
    expect(result).toMatchObject({
      status: "runtime_error",
      exitCode: 3,
      stdout: '/proc/1/fd/1 EACCES\n/proc/1/fd/0 EACCES\nX\u0000\u0000\u0000\u000b{"code":0}',
    });
  });
});
