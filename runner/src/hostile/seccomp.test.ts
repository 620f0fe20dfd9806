// The seccomp profile seen from inside a sandbox: socket families and syscalls a learner's program never needs.
import { afterAll, describe, expect, it } from "vitest";
import { ownContainers, releaseTestPool, runAs } from "../testing";
import { lines } from "./harness";

afterAll(async () => {
  await releaseTestPool();
  expect(await ownContainers()).toEqual([]);
});

describe.concurrent("seccomp from inside", () => {
  it("socket families beyond AF_UNIX and loopback IP are refused", async () => {
    const program = lines(
      "import errno, json, socket",
      "families = {'AF_UNIX': 1, 'AF_INET': 2, 'AF_INET6': 10, 'AF_KEY': 15, 'AF_NETLINK': 16, 'AF_PACKET': 17,",
      "            'AF_BLUETOOTH': 31, 'AF_ALG': 38, 'AF_VSOCK': 40, 'AF_XDP': 44}",
      "seen = {}",
      "for name, family in families.items():",
      "    kind = socket.SOCK_RAW if family == 16 else socket.SOCK_STREAM",
      "    try:",
      "        socket.socket(family, kind).close()",
      "        seen[name] = 'ok'",
      "    except OSError as e:",
      "        seen[name] = errno.errorcode[e.errno]",
      "try:",
      "    a, b = socket.socketpair(socket.AF_UNIX)",
      "    seen['socketpair AF_UNIX'] = 'ok'",
      "except OSError as e:",
      "    seen['socketpair AF_UNIX'] = errno.errorcode[e.errno]",
      "print(json.dumps(seen))",
    );
    const result = await runAs("seccomp-sockets", "python", program);
    expect(result.status).toBe("ok");
    expect(JSON.parse(result.stdout)).toEqual({
      AF_UNIX: "ok",
      AF_INET: "ok",
      AF_INET6: "ok",
      AF_KEY: "EPERM",
      AF_NETLINK: "EPERM",
      AF_PACKET: "EPERM",
      AF_BLUETOOTH: "EPERM",
      AF_ALG: "EPERM",
      AF_VSOCK: "EPERM",
      AF_XDP: "EPERM",
      "socketpair AF_UNIX": "ok",
    });
  });

  it("io_uring, bpf, keys, userfaultfd and perf_event_open are refused with EPERM", async () => {
    const program = lines(
      "import ctypes, errno, json",
      "libc = ctypes.CDLL(None, use_errno=True)",
      "calls = {'io_uring_setup': 425, 'io_uring_enter': 426, 'io_uring_register': 427, 'bpf': 321,",
      "         'keyctl': 250, 'add_key': 248, 'request_key': 249, 'userfaultfd': 323, 'perf_event_open': 298,",
      "         'socketpair AF_NETLINK': (53, 16, 3, 0, 0)}",
      "seen = {}",
      "for name, call in calls.items():",
      "    args = call if isinstance(call, tuple) else (call, 1, 0, 0, 0, 0)",
      "    rc = libc.syscall(*args)",
      "    seen[name] = 'ok' if rc >= 0 else errno.errorcode[ctypes.get_errno()]",
      "print(json.dumps(seen))",
    );
    const result = await runAs("seccomp-calls", "python", program);
    expect(result.status).toBe("ok");
    const seen = JSON.parse(result.stdout) as Record<string, string>;
    expect(Object.keys(seen)).toHaveLength(10);
    // EPERM is the profile's answer; the kernel's own for these arguments would be EFAULT or EINVAL.
    for (const [name, code] of Object.entries(seen)) expect(code, name).toBe("EPERM");
  });

  it("Node.js keeps loopback TCP, and os.networkInterfaces() fails for want of netlink", async () => {
    const program = lines(
      "const net = require('net');",
      "let ifaces;",
      "try { ifaces = Object.keys(require('os').networkInterfaces()); } catch (e) { ifaces = 'refused'; }",
      "const s = net.createServer().listen(0, '127.0.0.1', () => {",
      "  net.connect(s.address().port, '127.0.0.1', function () {",
      "    console.log(ifaces, 'loopback ok');",
      "    this.end();",
      "    s.close();",
      "  });",
      "});",
    );
    const result = await runAs("seccomp-node", "javascript", program);
    expect(result).toMatchObject({ status: "ok", stdout: "refused loopback ok\n" });
  });
});
