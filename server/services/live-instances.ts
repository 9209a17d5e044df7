import { createHash } from 'node:crypto';
import type { Db } from '../../db/client';
import { createOaClient, type OaClient } from '../clients/oa';
import type { LiveConnector } from './connectors';
import type { InstanceSource } from './live-run';

/**
 * One OA client per connector configuration for the life of the process: its token cache is what spares the
 * vendor's rate-limited token endpoint. A changed setting or secret makes a new key, so a new client.
 */
const clients = new Map<string, OaClient>();

function clientFor(connector: LiveConnector): OaClient {
  const fingerprint = createHash('sha256').update(JSON.stringify([connector.settings, connector.secrets])).digest('hex');
  const key = `${connector.name}:${fingerprint}`;
  let client = clients.get(key);
  if (!client) {
    for (const k of clients.keys()) if (k.startsWith(`${connector.name}:`)) clients.delete(k);
    const settings = connector.settings as Record<string, string>;
    const secrets = connector.secrets as Record<string, string>;
    const vendor = connector.kind as 'dingtalk' | 'wecom' | 'feishu';
    const credentials =
      vendor === 'dingtalk'
        ? { appKey: settings.appKey, appSecret: secrets.appSecret }
        : vendor === 'wecom'
          ? { corpId: settings.corpId, corpSecret: secrets.corpSecret }
          : { appId: settings.appId, appSecret: secrets.appSecret };
    client = createOaClient(vendor, { baseUrl: settings.apiBaseUrl, credentials } as never);
    clients.set(key, client);
  }
  return client;
}

/**
 * Where a run's instance body comes from: a webhook carries the whole instance; a vendor callback names one, and
 * the vendor's API is asked for it (the answer is kept on the run, so a replay reads what was booked).
 */
export function liveInstanceSource(_db: Db): InstanceSource {
  return async (connector, event) => {
    if (connector.kind === 'webhook') return { ok: true, bodyText: event.bodyText };
    if (!event.instanceId) return { ok: false, retryable: false, message: 'the callback names no instance' };
    return clientFor(connector).fetchInstance(event.instanceId);
  };
}
