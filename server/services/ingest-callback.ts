import type { Db } from '../../db/client';
import { CallbackConfigError, handleVendorCallback, type VendorCallbackConfig } from '../inbound/callbacks';
import type { LiveConnector } from './connectors';
import { jsonHookAnswer, recordRefusedHook, storeEvent, type HookAnswer, type HookRequest } from './ingest';

/** The callback half of a vendor connector's configuration: what checks and decrypts the vendor's pushes. */
function callbackConfig(connector: LiveConnector): VendorCallbackConfig {
  const settings = connector.settings as Record<string, string>;
  const secrets = connector.secrets as Record<string, string>;
  switch (connector.kind) {
    case 'dingtalk':
      return { token: secrets.token, aesKey: secrets.aesKey, ownerKey: settings.ownerKey };
    case 'wecom':
      return { token: secrets.token, aesKey: secrets.aesKey, corpId: settings.corpId };
    default:
      return { verificationToken: secrets.verificationToken, encryptKey: secrets.encryptKey, appId: settings.appId };
  }
}

/**
 * A vendor's own callback (DingTalk, WeCom, Feishu): the handshake is answered and nothing stored; a verified
 * event is stored with the vendor's event id as its identity, then answered as the vendor requires. The event
 * names the instance; the worker fetches its full body from the vendor's API.
 */
export function handleCallbackEvent(db: Db, connector: LiveConnector, req: HookRequest, now: Date): HookAnswer {
  let outcome;
  try {
    outcome = handleVendorCallback(connector.kind as 'dingtalk', req, callbackConfig(connector) as never, now);
  } catch (error) {
    if (!(error instanceof CallbackConfigError)) throw error;
    console.error(`[hooks] connector ${connector.name}: ${error.message}`);
    return jsonHookAnswer(503, { error: { code: 'UNAVAILABLE', message: `connector "${connector.name}" is not fully configured` } });
  }
  if (outcome.kind === 'reply') return { status: outcome.reply.status, contentType: outcome.reply.contentType, body: outcome.reply.body };
  if (outcome.kind === 'refused') {
    if (outcome.status === 401) recordRefusedHook(db, connector.name, outcome.reason, req.clientAddress);
    return jsonHookAnswer(outcome.status, { error: { code: outcome.status === 401 ? 'UNAUTHORIZED' : 'BAD_REQUEST', message: outcome.reason } });
  }
  if (connector.templateCode && outcome.processCode && outcome.processCode !== connector.templateCode) {
    // Signed by the vendor, so kept; but not this connector's form: refused as the issue asks, with no work made.
    storeEvent(db, {
      connector,
      messageId: outcome.messageId.slice(0, 200),
      bodyText: outcome.eventText,
      headersJson: '{}',
      instanceId: outcome.instanceId,
      status: 'quarantined',
      reason: `the event is for form template "${outcome.processCode}"; connector "${connector.name}" takes only "${connector.templateCode}"`,
    });
    return jsonHookAnswer(400, { error: { code: 'BAD_REQUEST', message: `form template "${outcome.processCode}" is not this connector's` } });
  }
  const stored = storeEvent(db, {
    connector,
    messageId: outcome.messageId.slice(0, 200),
    bodyText: outcome.eventText,
    headersJson: '{}',
    instanceId: outcome.instanceId,
    status: 'accepted',
  });
  const reply = { status: outcome.reply.status, contentType: outcome.reply.contentType, body: outcome.reply.body };
  return stored ? { ...reply, stored } : reply;
}
