// The profile's promises, read from the profile itself; src/hostile/seccomp.test.ts checks them from inside.
import { describe, expect, it } from "vitest";
import { seccompOption, seccompProfile } from "./seccomp";

const allowing = (name: string) =>
  seccompProfile.syscalls.filter((rule) => rule.action === "SCMP_ACT_ALLOW" && rule.names.includes(name));

describe("the sandbox's seccomp profile", () => {
  it("refuses whatever it does not list, with EPERM", () => {
    expect(seccompProfile).toMatchObject({ defaultAction: "SCMP_ACT_ERRNO", defaultErrnoRet: 1 });
  });

  it("allows socket() only for AF_UNIX, AF_INET and AF_INET6, and socketpair() only for AF_UNIX", () => {
    const families = (name: string) =>
      allowing(name).map((rule) => {
        expect(rule.args, `${name} must always be filtered on its family`).toHaveLength(1);
        expect(rule.args?.[0]).toMatchObject({ index: 0, op: "SCMP_CMP_EQ" });
        return rule.args?.[0]?.value;
      });
    expect(families("socket").sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 10]);
    expect(families("socketpair")).toEqual([1]);
    // socketcall multiplexes socket() on 32-bit x86 behind a pointer no filter can read.
    expect(allowing("socketcall")).toEqual([]);
  });

  it.each([
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "bpf",
    "perf_event_open",
    "keyctl",
    "add_key",
    "request_key",
    "userfaultfd",
  ])("never allows %s, whatever capabilities a container has", (name) => {
    expect(allowing(name)).toEqual([]);
  });

  it("is handed to Docker as JSON content", () => {
    expect(seccompOption.startsWith('seccomp={"')).toBe(true);
    expect(JSON.parse(seccompOption.slice("seccomp=".length))).toEqual(seccompProfile);
  });
});
