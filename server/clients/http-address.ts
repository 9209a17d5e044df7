import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which resolved addresses an outbound request may connect to. A finance or OA endpoint is configured by an
 * integrator, and a URL typed into a settings page must not become a way to reach the server's own loopback
 * services, the cloud metadata endpoint (169.254.169.254) or the office LAN — unless the operator named that
 * exact host:port in LEDGERLINK_OUTBOUND_ALLOW (the demo's local finance endpoint, an on-premises Kingdee).
 */

const REFUSED_V4 = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'carrierGradeNat', 'private', 'reserved']);
const REFUSED_V6 = new Set([
  'unspecified',
  'linkLocal',
  'multicast',
  'loopback',
  'uniqueLocal',
  'reserved',
  'benchmarking',
  'deprecatedSiteLocal',
  'discard',
  // Teredo hides the IPv4 end point behind obfuscated bits; nothing a finance system needs.
  'teredo',
]);

/** The reason an address is refused (its ipaddr.js range name), or null when it is a public address. */
export function refusedRange(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // ipaddr.parse accepts shorthand forms ("127.1", "0x7f.1") the way inet_aton does, so they are classified
    // as the address the socket would really reach.
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return 'unparsable';
  }
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return REFUSED_V4.has(range) ? range : null;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  // Addresses that carry an IPv4 address inside are judged by that address: ::ffff:127.0.0.1 is loopback,
  // 64:ff9b::a00:1 (NAT64) reaches 10.0.0.1, 2002:c0a8:0101:: (6to4) reaches 192.168.1.1.
  const embedded = embeddedIPv4(v6, range);
  if (embedded) {
    const inner = embedded.range();
    return REFUSED_V4.has(inner) ? `${range}/${inner}` : null;
  }
  return REFUSED_V6.has(range) ? range : null;
}

function embeddedIPv4(v6: ipaddr.IPv6, range: string): ipaddr.IPv4 | null {
  const p = v6.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (range) {
    case 'ipv4Mapped':
      return v6.toIPv4Address();
    case 'rfc6145':
    case 'rfc6052':
      return fromWords(p[6], p[7]);
    case '6to4':
      return fromWords(p[1], p[2]);
    default:
      return null;
  }
}

export function isIpLiteral(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return isIP(bare) !== 0;
}

/** "host:port" as the allow-list spells it: lower case, IPv6 in brackets, the scheme's default port filled in. */
export function hostPortKey(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}

export function normaliseAllowEntry(entry: string): string {
  return entry.trim().toLowerCase();
}

export function allowListFromEnv(value: string | undefined = process.env.LEDGERLINK_OUTBOUND_ALLOW): string[] {
  return (value ?? '').split(',').map(normaliseAllowEntry).filter(Boolean);
}
