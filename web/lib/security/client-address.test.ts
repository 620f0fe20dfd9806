import { describe, expect, it } from "vitest";
import { type AddressSettings, clientAddress, normalizeAddress } from "./client-address";

const selfHosted = (hops: number, production = true): AddressSettings => ({
  trustedProxyHops: hops,
  vercel: false,
  production,
});
const onVercel: AddressSettings = { trustedProxyHops: 0, vercel: true, production: true };

describe("normalizeAddress", () => {
  it("keeps IPv4 and unwraps IPv4-mapped IPv6", () => {
    expect(normalizeAddress(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("203.0.113.7:51234")).toBe("203.0.113.7");
  });

  it("counts IPv6 per /64, whatever the spelling", () => {
    const a = normalizeAddress("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("2001:0DB8:0001:0002:0:0:0:1")).toBe(a);
    expect(normalizeAddress("[2001:db8:1:2::99]:443")).toBe(a);
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::/64");
    expect(normalizeAddress("2001:db8:1:3::1")).not.toBe(a);
  });

  it("refuses what is not an address, including IPv4 shorthands", () => {
    for (const junk of ["", "unknown", "local", "127.1", "0x7f.0.0.1", "999.1.1.1", "1.2.3.4.5", "2001:db8::g"]) {
      expect(normalizeAddress(junk), junk).toBeNull();
    }
  });
});

describe("clientAddress", () => {
  const headers = (xff: string, extra: Record<string, string> = {}) =>
    new Headers({ "x-forwarded-for": xff, ...extra });

  it("never believes the left-most X-Forwarded-For entry a caller can write", () => {
    // The caller sent "6.6.6.6"; the one trusted proxy appended the address it saw.
    expect(clientAddress(headers("6.6.6.6, 198.51.100.20"), selfHosted(1))).toEqual({
      kind: "ip",
      ip: "198.51.100.20",
    });
  });

  it("takes the n-th entry from the right with n trusted hops", () => {
    const xff = "6.6.6.6, 198.51.100.20, 10.0.0.5";
    expect(clientAddress(headers(xff), selfHosted(2))).toEqual({ kind: "ip", ip: "198.51.100.20" });
    expect(clientAddress(headers(xff), selfHosted(3))).toEqual({ kind: "ip", ip: "6.6.6.6" });
  });

  it("believes nothing when the request has fewer entries than trusted hops or a malformed one", () => {
    expect(clientAddress(headers("198.51.100.20"), selfHosted(2))).toEqual({ kind: "unknown" });
    expect(clientAddress(new Headers(), selfHosted(1))).toEqual({ kind: "unknown" });
    expect(clientAddress(headers("1.2.3.4, not-an-ip"), selfHosted(1))).toEqual({ kind: "unknown" });
  });

  it("reads several X-Forwarded-For lines as one list, also from a plain header object", () => {
    const plain = { "x-forwarded-for": ["6.6.6.6", "2001:db8:aa:bb::1"] };
    expect(clientAddress(plain, selfHosted(1))).toEqual({ kind: "ip", ip: "2001:db8:aa:bb::/64" });
  });

  it("with no trusted proxy: one local visitor in local mode, no address in production", () => {
    const spoofed = headers("203.0.113.9");
    expect(clientAddress(spoofed, selfHosted(0, false))).toEqual({ kind: "local" });
    expect(clientAddress(spoofed, selfHosted(0, true))).toEqual({ kind: "unknown" });
  });

  it("on Vercel uses Vercel's own header, not X-Forwarded-For", () => {
    const request = headers("6.6.6.6", { "x-vercel-forwarded-for": "192.0.2.44", "x-real-ip": "192.0.2.45" });
    expect(clientAddress(request, onVercel)).toEqual({ kind: "ip", ip: "192.0.2.44" });
    expect(clientAddress(new Headers({ "x-real-ip": "192.0.2.45" }), onVercel)).toEqual({
      kind: "ip",
      ip: "192.0.2.45",
    });
    expect(clientAddress(headers("6.6.6.6"), onVercel)).toEqual({ kind: "unknown" });
  });
});
