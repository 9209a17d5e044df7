/**
 * What `ledgerlink simulate` plays, read from the connector it sends to: for a webhook connector, the format of
 * its bodies and a secret to sign them; for a vendor connector, the vendor's credentials and callback keys, and
 * the loopback address where the server expects the vendor's API (where the simulator then listens).
 */
import ipaddr from 'ipaddr.js';
import type { WxCallbackTarget, FeishuCallbackTarget } from '../clients/simulators/oa-server';
import type { LiveConnector } from '../services/connectors';
import { CLAIM_FORMATS, type ClaimFormat } from './demo-company';

/** A simulation that cannot start, with a message for the user; `exit` 2 = wrong set-up, 1 = the server is not there. */
export class SimulateError extends Error {
  constructor(
    message: string,
    readonly exit: 1 | 2 = 2,
  ) {
    super(message);
  }
}

export type SimulationTarget =
  | { kind: 'webhook'; connector: string; format: ClaimFormat; secret: string }
  | {
      kind: 'vendor';
      connector: string;
      format: ClaimFormat;
      templateCode: string | null;
      /** Where the simulated vendor API listens: the connector's apiBaseUrl. */
      host: string;
      port: number;
      credentials: Record<string, string>;
      /** The callback keys, without the URL (known once the server's URL is). */
      callback: Omit<WxCallbackTarget, 'url'> | Omit<FeishuCallbackTarget, 'url'>;
    };

/** Whether a host names this machine's loopback interface. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare.toLowerCase() === 'localhost') return true;
  if (!ipaddr.isValid(bare)) return false;
  const parsed = ipaddr.parse(bare);
  const addr = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return addr.range() === 'loopback';
}

function apiAddress(connector: LiveConnector, apiBaseUrl: string | undefined): { host: string; port: number } {
  const example = `http://127.0.0.1:4100`;
  const advice = `simulate plays ${connector.kind} on this machine, so the connector must fetch instances from a loopback address: set its API base URL (apiBaseUrl) to e.g. ${example} on the settings page, then start the server with LEDGERLINK_OUTBOUND_ALLOW=127.0.0.1:4100`;
  let u: URL;
  try {
    u = new URL(apiBaseUrl ?? '');
  } catch {
    throw new SimulateError(`connector "${connector.name}" has no usable API base URL; ${advice}`);
  }
  if (!isLoopbackHost(u.hostname)) throw new SimulateError(`connector "${connector.name}" fetches instances from ${u.origin}, not this machine; ${advice}`);
  if (u.protocol !== 'http:') throw new SimulateError(`connector "${connector.name}" fetches instances over ${u.protocol}; the simulator serves plain http on loopback: use e.g. ${example}`);
  if (u.pathname !== '/' && u.pathname !== '') throw new SimulateError(`connector "${connector.name}"'s API base URL has a path (${u.pathname}); the vendors' APIs sit at the root: use e.g. ${example}`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { host: host.toLowerCase() === 'localhost' ? '127.0.0.1' : host, port: u.port ? Number(u.port) : 80 };
}

export function simulationTarget(connector: LiveConnector | null, name: string): SimulationTarget {
  if (!connector) throw new SimulateError(`no connector is named "${name}" (ledgerlink connectors list shows them)`);
  if (!connector.enabled) throw new SimulateError(`connector "${name}" is disabled: the server would refuse every message`);
  const format = connector.format as ClaimFormat;
  if (!CLAIM_FORMATS.includes(format))
    throw new SimulateError(`connector "${name}" takes ${connector.format} bodies; simulate writes the demo company's claims as dingtalk, feishu or wecom instances`);
  const settings = connector.settings as Record<string, string>;
  const secrets = connector.secrets as Record<string, unknown>;
  if (connector.kind === 'webhook') {
    const list = secrets.webhookSecrets as string[] | undefined;
    if (!list?.length) throw new SimulateError(`connector "${name}" has no signing secret`);
    // The first secret is the current one while keys rotate; any of them verifies.
    return { kind: 'webhook', connector: name, format, secret: list[0] };
  }
  const { host, port } = apiAddress(connector, settings.apiBaseUrl);
  const s = secrets as Record<string, string>;
  const base = { kind: 'vendor' as const, connector: name, format, templateCode: connector.templateCode, host, port };
  switch (connector.kind) {
    case 'dingtalk':
      return { ...base, credentials: { appKey: settings.appKey, appSecret: s.appSecret }, callback: { token: s.token, aesKey: s.aesKey, receiverId: settings.ownerKey } };
    case 'wecom':
      return { ...base, credentials: { corpId: settings.corpId, corpSecret: s.corpSecret }, callback: { token: s.token, aesKey: s.aesKey, receiverId: settings.corpId } };
    default:
      return {
        ...base,
        credentials: { appId: settings.appId, appSecret: s.appSecret },
        callback: { verificationToken: s.verificationToken, encryptKey: s.encryptKey, appId: settings.appId },
      };
  }
}
