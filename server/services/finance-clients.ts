import { createHash } from 'node:crypto';
import { createFinanceClient, type FinanceClient, type FinanceConnection } from '../clients/finance';
import type { OutboundPolicy } from '../clients/http';
import { allowListFromEnv } from '../clients/http-address';
import type { LiveTarget } from './finance-targets';

/**
 * One client per finance system configuration for the life of the process: the Kingdee client keeps its login
 * session, and a new one per delivery would log in for every voucher. A changed URL, setting or credential makes
 * a new fingerprint, so a new client.
 */
const clients = new Map<string, FinanceClient>();

/**
 * A target URL that is a path (`/api/demo-ledger`) names this server: reached over loopback on its own port, which
 * the outbound guard then allows for that one host:port (nothing else private becomes reachable).
 */
function resolveUrl(url: string): { url: string; policy?: OutboundPolicy } {
  if (!url.startsWith('/')) return { url };
  const self = `127.0.0.1:${process.env.PORT || '3000'}`;
  return { url: `http://${self}${url}`, policy: { allow: [...allowListFromEnv(), self] } };
}

function connectionOf(target: LiveTarget): FinanceConnection {
  switch (target.kind) {
    case 'kingdee':
      return {
        kind: 'kingdee',
        url: target.url,
        acctId: String(target.settings.acctId ?? ''),
        username: String(target.settings.username ?? ''),
        password: target.secrets.password ?? '',
        lcid: typeof target.settings.lcid === 'number' ? target.settings.lcid : undefined,
      };
    case 'u8':
      return { kind: 'u8', url: target.url };
    case 'webhook':
      return { kind: 'webhook', url: target.url, secret: target.secrets.secret ?? '' };
  }
}

/** The client that speaks a finance system's protocol, from its stored configuration. */
export function financeClientFor(target: LiveTarget): FinanceClient {
  const connection = connectionOf(target);
  const key = `${target.id}:${createHash('sha256').update(JSON.stringify(connection)).digest('hex')}`;
  let client = clients.get(key);
  if (!client) {
    for (const k of clients.keys()) if (k.startsWith(`${target.id}:`)) clients.delete(k);
    const resolved = resolveUrl(connection.url);
    client = createFinanceClient({ ...connection, url: resolved.url }, resolved.policy ? { policy: resolved.policy } : {});
    clients.set(key, client);
  }
  return client;
}
