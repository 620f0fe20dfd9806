// PID 1 cannot be driven by the program: whatever signal the program sends the supervisor, the supervisor neither
// dies nor opens anything, and the user's next run in the same session sandbox is ok.
import { afterAll, describe, expect, it } from "vitest";
import { ownContainers, releaseTestPool, runAs, sessionContainer } from "../testing";
import { lines } from "./harness";

afterAll(async () => {
  await releaseTestPool();
  expect(await ownContainers()).toEqual([]);
});

/** Every signal a process may try to send; SIGKILL and SIGSTOP included, which the kernel never lets it send to init. */
const signals = [
  "SIGHUP",
  "SIGINT",
  "SIGQUIT",
  "SIGILL",
  "SIGTRAP",
  "SIGABRT",
  "SIGBUS",
  "SIGFPE",
  "SIGKILL",
  "SIGUSR1",
  "SIGSEGV",
  "SIGUSR2",
  "SIGPIPE",
  "SIGALRM",
  "SIGTERM",
  "SIGSTKFLT",
  "SIGCHLD",
  "SIGCONT",
  "SIGSTOP",
  "SIGTSTP",
  "SIGTTIN",
  "SIGTTOU",
  "SIGURG",
  "SIGXCPU",
  "SIGXFSZ",
  "SIGVTALRM",
  "SIGPROF",
  "SIGWINCH",
  "SIGIO",
  "SIGPWR",
  "SIGSYS",
];
/** SIGRTMIN and SIGRTMAX as the kernel numbers them (glibc keeps 32 and 33 for itself). */
const realtime = [34, 64];

describe("a Python program signalling PID 1 (session mode)", () => {
  const user = "pid1-python";

  it.each([...signals, ...realtime.map(String)])("%s leaves the supervisor up and the next run ok", async (name) => {
    const send = lines(
      "import os, signal, time",
      `sig = ${/^\d+$/.test(name) ? name : `signal.${name}`}`,
      "os.kill(1, sig)",
      "time.sleep(0.2)",
      "print('sent', int(sig))",
    );
    const sent = await runAs(user, "python", send);
    expect(sent).toMatchObject({ status: "ok", stdout: expect.stringMatching(/^sent \d+\n$/) });
    const container = sessionContainer(user, "python");
    expect(container).toBeDefined();
    const next = await runAs(user, "python", "import os\nprint('next', os.getppid())");
    expect(next).toMatchObject({ status: "ok", stdout: "next 1\n" });
    expect(sessionContainer(user, "python")).toBe(container);
  });
});

describe("a JavaScript program signalling PID 1 (session mode)", () => {
  it("every signal leaves the supervisor up and the next run ok", async () => {
    const user = "pid1-node";
    const send = lines(
      `const names = ${JSON.stringify(signals)};`,
      `const numbers = ${JSON.stringify(realtime)};`,
      "const sent = [];",
      "for (const sig of [...names, ...numbers]) {",
      "  process.kill(1, sig);",
      "  sent.push(sig);",
      "}",
      "setTimeout(() => console.log(sent.length), 300);",
    );
    const result = await runAs(user, "javascript", send);
    expect(result).toMatchObject({ status: "ok", stdout: `${signals.length + realtime.length}\n` });
    const container = sessionContainer(user, "javascript");
    expect(container).toBeDefined();
    const next = await runAs(user, "javascript", "console.log('next', process.ppid)");
    expect(next).toMatchObject({ status: "ok", stdout: "next 1\n" });
    expect(sessionContainer(user, "javascript")).toBe(container);
  });

  it("SIGUSR1 opens no inspector: 127.0.0.1:9229 refuses", async () => {
    const user = "pid1-inspector";
    const probe = lines(
      "const net = require('net');",
      "const comm = require('fs').readFileSync('/proc/1/comm', 'utf8').trim();",
      "process.kill(1, 'SIGUSR1');",
      // Node opens its inspector within milliseconds of the signal; a second is plenty even on a busy machine.
      "setTimeout(() => {",
      "  const socket = net.connect(9229, '127.0.0.1');",
      "  socket.on('connect', () => console.log(comm, 'inspector open'));",
      "  socket.on('error', (e) => console.log(comm, e.code));",
      "}, 1000);",
    );
    const result = await runAs(user, "javascript", probe);
    expect(result).toMatchObject({ status: "ok", stdout: "python3 ECONNREFUSED\n" });
    const container = sessionContainer(user, "javascript");
    const next = await runAs(user, "javascript", "console.log('next')");
    expect(next).toMatchObject({ status: "ok", stdout: "next\n" });
    expect(sessionContainer(user, "javascript")).toBe(container);
  });
});
