import { afterAll, describe, expect, it } from "vitest";
import { limitDefaults } from "./contract";
import { ownContainers, releaseTestPool, runNode, runPython } from "./testing";

// Sandbox runs take several times longer while other work keeps both cores busy; bounds below leave room for it.
const slow = 120_000;

afterAll(async () => {
  await releaseTestPool();
  expect(await ownContainers()).toEqual([]);
});

describe.concurrent("run results (real Docker)", () => {
  it(
    "measures CPU time and the memory a run added, from the cgroup",
    async () => {
      const program = [
        "import time",
        "block = bytearray(40 * 1024 * 1024)",
        "for i in range(0, len(block), 4096):",
        "    block[i] = 1",
        "start = time.process_time()",
        "while time.process_time() - start < 0.3:",
        "    pass",
        "print('done')",
      ].join("\n");
      const result = await runPython(program);
      expect(result).toMatchObject({ status: "ok", stdout: "done\n", message: "Finished." });
      expect(result.cpuMs).toBeGreaterThanOrEqual(300);
      expect(result.cpuMs).toBeLessThan(1500);
      expect(result.memoryKib).toBeGreaterThanOrEqual(40 * 1024);
      expect(result.memoryKib).toBeLessThan(limitDefaults.memoryMb * 1024);
    },
    slow,
  );

  it(
    "reports a trivial run's small figures",
    async () => {
      const result = await runPython("print(sum(range(1000)))");
      expect(result).toMatchObject({ status: "ok", stdout: "499500\n" });
      expect(result.cpuMs).toBeLessThan(200);
      expect(result.memoryKib).toBeLessThan(16 * 1024);
      // About 25 ms on a quiet machine: a warm sandbox, no interpreter start.
      expect(result.wallMs).toBeLessThan(3000);
    },
    slow,
  );

  it(
    "stops a busy loop at the CPU limit, measured across all its processes",
    async () => {
      const program = ["import os", "print('spinning', flush=True)", "os.fork()", "while True:", "    pass"].join("\n");
      const result = await runPython(program, { limits: { cpuMs: 500, wallMs: 10_000 } });
      expect(result).toMatchObject({ status: "cpu_limit", signal: null, stdout: "spinning\n", truncated: false });
      expect(result.message).toBe("Stopped after 0.5 s of CPU time: the CPU limit.");
      expect(result.cpuMs).toBeGreaterThanOrEqual(500);
      // The cgroup is polled every 25 ms and the sandbox gets half a CPU: even a poll late by a second adds 0.5 s.
      expect(result.cpuMs).toBeLessThan(1000);
      // Two processes share half a CPU: 0.5 s of CPU take about 1 s of wall time, far below the wall limit.
      expect(result.wallMs).toBeLessThan(8000);
    },
    slow,
  );

  it(
    "reports RLIMIT_CPU's SIGXCPU as cpu_limit",
    async () => {
      const program = "import resource\nresource.setrlimit(resource.RLIMIT_CPU, (1, 2))\nwhile True:\n    pass";
      const result = await runPython(program, { limits: { cpuMs: 5_000, wallMs: 10_000 } });
      expect(result).toMatchObject({ status: "cpu_limit", exitCode: 152 });
    },
    slow,
  );

  it(
    "gives every status its sentence",
    async () => {
      const timeout = await runPython("import time\ntime.sleep(10)", { limits: { wallMs: 500 } });
      expect(timeout).toMatchObject({ status: "timeout", message: "Stopped after 0.5 s: the time limit." });
      const error = await runPython("raise SystemExit(3)");
      expect(error).toMatchObject({ status: "runtime_error", exitCode: 3, message: "The program exited with code 3." });
      const memory = await runPython("x = bytearray(200 * 1024 * 1024)", { limits: { memoryMb: 64 } });
      expect(memory).toMatchObject({
        status: "memory_limit",
        message: "Stopped: the program ran out of memory (limit 64 MiB).",
      });
      const output = await runPython("print('x' * 5000)", { limits: { outputBytes: 1024 } });
      expect(output).toMatchObject({
        status: "output_limit",
        message: "Stopped: the program printed more than 1 KiB of output.",
      });
    },
    slow,
  );

  it(
    "returns matplotlib figures as PNG images, shown or left open",
    async () => {
      const program = [
        "import matplotlib.pyplot as plt",
        "plt.plot([1, 2, 3], [1, 4, 9])",
        "plt.show()",
        "plt.figure()",
        "plt.bar(['a', 'b'], [3, 5])",
        "print('drawn')",
      ].join("\n");
      const result = await runPython(program);
      expect(result).toMatchObject({ status: "ok", stdout: "drawn\n" });
      expect(result.images).toHaveLength(2);
      for (const image of result.images ?? []) {
        expect(image.mediaType).toBe("image/png");
        expect(Buffer.from(image.data, "base64").subarray(1, 4).toString()).toBe("PNG");
      }
    },
    slow,
  );

  it(
    "drops image frames that are not PNG or past the caps",
    async () => {
      // The image channel is fd 3 of the program (records: kind, 4-byte length, payload): it may write anything
      // there, a forged module report included (at most, its own sandbox then preloads pandas).
      const program = [
        "import os, struct",
        "def send(data):",
        "    os.write(3, b'I' + struct.pack('>I', len(data)) + data)",
        "os.write(3, b'U' + struct.pack('>I', 10) + b'[\"pandas\"]')",
        "send(b'not a png')",
        "png = b'\\x89PNG\\r\\n\\x1a\\n' + b'x' * 100",
        "for _ in range(10):",
        "    send(png)",
        "print('sent')",
      ].join("\n");
      const result = await runPython(program);
      expect(result).toMatchObject({ status: "ok", stdout: "sent\n" });
      expect(result.images).toHaveLength(4);
    },
    slow,
  );

  it(
    "gives each run fresh random numbers although the interpreter is forked",
    async () => {
      const program = "import numpy, random\nprint(numpy.random.randint(1 << 30), random.randint(0, 1 << 30))";
      const [a, b] = await Promise.all([runPython(program), runPython(program)]);
      expect(a.status).toBe("ok");
      expect(a.stdout).not.toBe(b.stdout);
    },
    slow,
  );
});

describe.concurrent("JavaScript (real Docker)", () => {
  it(
    "runs main.js with stdin, then EOF",
    async () => {
      const program = [
        "let input = '';",
        "process.stdin.on('data', (d) => (input += d));",
        "process.stdin.on('end', () => console.log(input.trim().toUpperCase(), process.argv.length));",
      ].join("\n");
      const result = await runNode(program, { stdin: "hello\n", limits: { wallMs: 15_000 } });
      expect(result).toMatchObject({ status: "ok", exitCode: 0, stdout: "HELLO 2\n", stderr: "" });
      expect(result.cpuMs).toBeGreaterThan(0);
    },
    slow,
  );

  it(
    "runs a multi-file program and reports an uncaught error",
    async () => {
      const result = await runNode(
        [
          { path: "lib/greet.js", content: "module.exports = (n) => 'hi ' + n;" },
          { path: "main.js", content: "console.log(require('./lib/greet')('ada'));\nnull.x;" },
        ],
        { limits: { wallMs: 15_000 } },
      );
      expect(result).toMatchObject({ status: "runtime_error", exitCode: 1, stdout: "hi ada\n" });
      expect(result.stderr).toContain("TypeError: Cannot read properties of null");
    },
    slow,
  );

  it(
    "reports memory_limit when the kernel OOM-kills a growing heap",
    async () => {
      const program = "const keep = [];\nwhile (true) keep.push(new Array(1e6).fill(Math.random()));";
      const result = await runNode(program, { limits: { memoryMb: 64, wallMs: 15_000 } });
      expect(result).toMatchObject({ status: "memory_limit", signal: null });
    },
    slow,
  );

  it(
    "stops a busy loop at the CPU limit",
    async () => {
      // Node needs about 0.3 s of CPU to start: the wall limit leaves room for that on a busy machine.
      const result = await runNode("console.log('go');\nwhile (true) {}", { limits: { cpuMs: 400, wallMs: 15_000 } });
      expect(result).toMatchObject({ status: "cpu_limit", stdout: "go\n" });
    },
    slow,
  );
});
