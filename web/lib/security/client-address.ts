// Which address a request counts against. Only what a trusted party wrote is believed: Vercel's own header on
// Vercel, else the entry the n-th trusted proxy appended to X-Forwarded-For. The left-most entry is whatever the
// caller sent, so it is never used. Next.js does not expose the socket address to route handlers (it only fills
// X-Forwarded-For from it when the caller sent none), so with no trusted proxy there is no address to believe.
import ipaddr from "ipaddr.js";

export interface AddressSettings {
  /** Proxies in front of the app that append the address they saw to X-Forwarded-For. */
  trustedProxyHops: number;
  /** Running on Vercel: its x-vercel-forwarded-for / x-real-ip headers are set by Vercel itself. */
  vercel: boolean;
  /** Outside production, a request with no address counts as the machine's one local visitor. */
  production: boolean;
}

export type ClientAddress =
  | { kind: "ip"; ip: string }
  /** Local mode without a trusted proxy: everyone is this machine's user. */
  | { kind: "local" }
  /** No address can be believed (production without a trust setting, or a malformed header). */
  | { kind: "unknown" };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function readHeader(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function entries(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The address as quotas count it: IPv4 in dotted decimal (also when written IPv4-mapped IPv6), IPv6 as its /64
 * (one home or one server usually holds a whole /64). Ports, brackets and zone ids are dropped. Null when the
 * text is not an address.
 */
export function normalizeAddress(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort?.[1]) text = v4WithPort[1];
  text = text.replace(/%.*$/, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  if (!ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const network = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toRFC5952String()}/64`;
}

function fromText(raw: string | undefined): ClientAddress {
  const ip = raw === undefined ? null : normalizeAddress(raw);
  return ip ? { kind: "ip", ip } : { kind: "unknown" };
}

/** The caller's address under `settings`. */
export function clientAddress(headers: HeaderSource, settings: AddressSettings): ClientAddress {
  if (settings.vercel) {
    const vercel = entries(readHeader(headers, "x-vercel-forwarded-for"))[0] ?? readHeader(headers, "x-real-ip");
    return fromText(vercel);
  }
  if (settings.trustedProxyHops > 0) {
    const forwarded = entries(readHeader(headers, "x-forwarded-for"));
    // Fewer entries than trusted hops: the request did not come through the proxies, so nothing is believed.
    return fromText(forwarded[forwarded.length - settings.trustedProxyHops]);
  }
  return settings.production ? { kind: "unknown" } : { kind: "local" };
}
