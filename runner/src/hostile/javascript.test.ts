import { describe, expect, it } from "vitest";
import { limitDefaults } from "../contract";
import type { ProgramFiles, RunExtras } from "../testing";
import { contain, lines, planted, setUpHostileSuite } from "./harness";

const js = (program: ProgramFiles, extra: RunExtras = {}) => contain("javascript", program, extra);

const hostPort = setUpHostileSuite();

describe.concurrent("hostile JavaScript programs", () => {
  it("a spawn bomb is held by the pids limit and stopped at the CPU limit", async () => {
    const program = lines(
      "const { spawn } = require('child_process');",
      "console.log('spawning');",
      "function bomb() {",
      "  try {",
      "    spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']).on('error', () => {});",
      "  } catch {}",
      "  setImmediate(bomb);",
      "}",
      "bomb();",
    );
    const result = await js(program, { limits: { cpuMs: 1000, wallMs: 15_000 } });
    expect(result).toMatchObject({ status: "cpu_limit", stdout: "spawning\n" });
  });

  it("a memory bomb outside the V8 heap ends in the kernel's OOM kill", async () => {
    const result = await js("const keep = [];\nwhile (true) keep.push(Buffer.alloc(1e7, 1));", {
      limits: { memoryMb: 64, wallMs: 15_000 },
    });
    expect(result).toMatchObject({ status: "memory_limit", exitCode: 137, signal: null });
  });

  it("one huge line without a newline is cut at the output cap", async () => {
    const result = await js("process.stdout.write('x'.repeat(5e7));", { limits: { wallMs: 15_000 } });
    expect(result).toMatchObject({ status: "output_limit", truncated: true });
    expect(result.stdout).toBe("x".repeat(limitDefaults.outputBytes));
  });

  it("output printed before sleeping forever is kept when the wall limit stops it", async () => {
    // Node needs about 0.6 s of wall time to start at half a CPU, several times that on a busy machine: the wall
    // limit leaves it room to print before it stops the program.
    const result = await js("process.stdout.write('partial');\nsetInterval(() => {}, 1e6);", {
      limits: { wallMs: 8000 },
    });
    expect(result).toMatchObject({ status: "timeout", stdout: "partial" });
    expect(result.wallMs).toBeGreaterThanOrEqual(8000);
    // Sleeping costs nothing: the CPU used is Node's start-up, far below the 8 s the run lasted.
    expect(result.cpuMs).toBeLessThan(2000);
  });

  it("reading stdin that was never sent gets EOF at once", async () => {
    const result = await js("console.log(JSON.stringify(require('fs').readFileSync(0, 'utf8')));");
    expect(result).toMatchObject({ status: "ok", stdout: '""\n' });
  });

  it("daemonised grandchildren that ignore SIGTERM die when the program ends", async () => {
    const program = lines(
      "const { spawn } = require('child_process');",
      "spawn('sh', ['-c', 'trap \"\" TERM HUP; while true; do sleep 1; done'], { detached: true, stdio: 'ignore' }).unref();",
      "setTimeout(() => console.log('parent exits'), 300);",
    );
    // Were the run waiting for the grandchild, it would end as timeout.
    const result = await js(program, { limits: { wallMs: 15_000 } });
    expect(result).toMatchObject({ status: "ok", stdout: "parent exits\n" });
    expect(result.wallMs).toBeLessThan(12_000);
  });

  it("has only loopback and cannot reach a host port on 127.0.0.1", async () => {
    const program = lines(
      "const fs = require('fs');",
      "const net = require('net');",
      "const port = Number(fs.readFileSync(0, 'utf8'));",
      // From files, not os.networkInterfaces(): the seccomp profile refuses the netlink socket that needs.
      "const ifaces = fs.readdirSync('/sys/class/net');",
      "const routes = fs.readFileSync('/proc/net/route', 'utf8').trim().split('\\n').slice(1);",
      "const socket = net.connect(port, '127.0.0.1');",
      "socket.on('connect', () => console.log(ifaces, routes, 'connected'));",
      "socket.on('error', (e) => console.log(ifaces, routes, e.code));",
    );
    const result = await js(program, { stdin: String(hostPort()) });
    expect(result).toMatchObject({ status: "ok", stdout: "[ 'lo' ] [] ECONNREFUSED\n" });
  });

  it("sees none of the runner's secrets", async () => {
    const program = lines(
      "console.log(Object.keys(process.env).sort().join(','));",
      "try { require('fs').readFileSync('/proc/1/environ'); } catch (e) { console.log(e.code); }",
    );
    const result = await js(program);
    expect(result).toMatchObject({ status: "ok", stdout: "HOME,LANG,PATH\nEACCES\n" });
    for (const secret of Object.values(planted)) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("privilege escalation and supervisor tampering fail", async () => {
    const program = lines(
      "const fs = require('fs');",
      "const attempt = (f) => { try { f(); return 'ok'; } catch (e) { return e.code; } };",
      "console.log('setuid', attempt(() => process.setuid(0)));",
      "console.log('mem', attempt(() => fs.openSync('/proc/1/mem', 'r')));",
      "console.log('fd', attempt(() => fs.openSync('/proc/1/fd/1', 'w')));",
      "console.log('kill', attempt(() => process.kill(1, 'SIGKILL')));",
      "console.log('rootfs', attempt(() => fs.writeFileSync('/etc/evil', 'x')));",
    );
    const result = await js(program);
    expect(result).toMatchObject({
      status: "ok",
      // Signals from inside to the namespace's init are dropped without an error.
      stdout: "setuid EPERM\nmem EACCES\nfd EACCES\nkill ok\nrootfs EROFS\n",
    });
  });

  it("unbounded recursion is a runtime error", async () => {
    const result = await js("function f(n) { return f(n + 1) + 1; }\nf(0);");
    expect(result).toMatchObject({ status: "runtime_error", exitCode: 1 });
    expect(result.stderr).toContain("RangeError: Maximum call stack size exceeded");
  });

  it("files written by one run are not there for the next", async () => {
    const writer = "const fs = require('fs');\nfs.writeFileSync('/tmp/marker', 'x');\nfs.writeFileSync('marker', 'x');";
    expect(await js(writer)).toMatchObject({ status: "ok" });
    const reader = await js("const fs = require('fs');\nconsole.log(fs.readdirSync('.'), fs.readdirSync('/tmp'));");
    expect(reader).toMatchObject({ status: "ok", stdout: "[ 'main.js' ] []\n" });
  });
});
