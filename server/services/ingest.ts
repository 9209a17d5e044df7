import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { inboundEvents } from '../../db/schema';
import { getConnector, parseJsonPayload } from '../connectors';
import { verifyStandardWebhook } from '../inbound/standard-webhook';
import { appendAudit } from './audit';
import { liveConnector, type LiveConnector } from './connectors';
import { handleCallbackEvent } from './ingest-callback';
import { liveQueue, PROCESS_EVENT } from './live-queue';

/** Bodies are refused while being read once they pass this: one OA instance is far smaller. */
export const MAX_HOOK_BODY_BYTES = 1024 * 1024;

export interface HookRequest {
  method: string;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
  query: URLSearchParams;
  body: string;
  clientAddress: string | null;
}

export interface HookAnswer {
  status: number;
  contentType: string;
  body: string;
  /** a new event was stored: an in-process worker may start on it at once */
  stored?: { eventId: number };
}

export const jsonHookAnswer = (status: number, value: unknown, stored?: { eventId: number }): HookAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
  ...(stored ? { stored } : {}),
});

const refusedHook = (status: number, code: string, message: string) => jsonHookAnswer(status, { error: { code, message } });

/** Headers worth keeping with an event for whoever inspects it later (never a signature or a cookie). */
function keptHeaders(headers: HookRequest['headers']): string {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'webhook-id', 'webhook-timestamp', 'user-agent'])
    if (headers[name] !== undefined) kept[name] = headers[name]!.slice(0, 500);
  return JSON.stringify(kept);
}

/** One security-log entry for a refused delivery: who tried, on which connector, why. Nothing of the body. */
export function recordRefusedHook(db: Db, connector: string, reason: string, clientAddress: string | null): void {
  appendAudit(db, {
    actor: null,
    role: null,
    action: 'hook.refused',
    objectType: 'connector',
    objectId: connector,
    after: { reason },
    clientAddress,
  });
}

type StoreInput = {
  connector: LiveConnector;
  messageId: string;
  bodyText: string;
  headersJson: string;
  instanceId: string | null;
} & ({ status: 'accepted' } | { status: 'quarantined'; reason: string });

/**
 * Stores an event and, when accepted, its processing job in one transaction: the answer that follows promises
 * both. A repeat of a stored identity stores nothing (null).
 */
export function storeEvent(db: Db, input: StoreInput): { eventId: number } | null {
  return db.transaction((tx) => {
    const row = tx
      .insert(inboundEvents)
      .values({
        connectorId: input.connector.id,
        messageId: input.messageId,
        status: input.status,
        reason: input.status === 'quarantined' ? input.reason : null,
        bodyText: input.bodyText,
        headersJson: input.headersJson,
        instanceId: input.instanceId,
      })
      .onConflictDoNothing()
      .returning({ id: inboundEvents.id })
      .get();
    if (!row) return null;
    if (input.status === 'accepted') liveQueue(db).enqueue(tx, PROCESS_EVENT, { eventId: row.id });
    return { eventId: row.id };
  });
}

function storedBefore(db: Db, connector: LiveConnector, messageId: string) {
  return db
    .select({ status: inboundEvents.status, reason: inboundEvents.reason })
    .from(inboundEvents)
    .where(and(eq(inboundEvents.connectorId, connector.id), eq(inboundEvents.messageId, messageId)))
    .get();
}

/**
 * Why a body is not an instance its connector can run, or null when it is one. The connector's form template is
 * the template of a body that names none; a body naming another template is not this connector's to take.
 */
export function instanceProblem(connector: LiveConnector, bodyText: string): { problem: string } | { problem: null; instanceId: string } {
  const parsed = parseJsonPayload(bodyText);
  if (!parsed.ok) return { problem: `the body is not JSON: ${parsed.error.message}` };
  const normalized = getConnector(connector.format).normalize(parsed.value, { templateCode: connector.templateCode ?? undefined });
  if (!normalized.ok) return { problem: `the body is not a ${connector.format} instance: ${normalized.error.message}` };
  const record = normalized.record;
  if (connector.templateCode && record.templateCode && record.templateCode !== connector.templateCode)
    return { problem: `the instance is of form template "${record.templateCode}"; connector "${connector.name}" takes only "${connector.templateCode}"` };
  if (!record.instanceId) return { problem: 'the instance carries no instance id' };
  return { problem: null, instanceId: record.instanceId };
}

/**
 * POST /api/hooks/NAME, after the body was read within its limit: verify, store durably, answer. The mapping
 * never runs here; the answer waits only for the commit.
 */
export function ingestHook(db: Db, connectorName: string, req: HookRequest, now: Date = new Date()): HookAnswer {
  const connector = liveConnector(db, connectorName);
  if (!connector || !connector.enabled)
    return refusedHook(404, 'NOT_FOUND', `no enabled connector is named "${connectorName.slice(0, 64)}"`);
  if (connector.kind !== 'webhook') return handleCallbackEvent(db, connector, req, now);
  if (req.method !== 'POST') return refusedHook(405, 'METHOD_NOT_ALLOWED', 'a webhook connector takes POST requests only');

  const secrets = (connector.secrets as { webhookSecrets: string[] }).webhookSecrets;
  const verified = verifyStandardWebhook(secrets, req.headers, req.body, now);
  if (!verified.ok) {
    recordRefusedHook(db, connector.name, `${verified.reason}: ${verified.message}`, req.clientAddress);
    return refusedHook(401, 'UNAUTHORIZED', `the webhook signature was refused: ${verified.message}`);
  }
  const messageId = verified.messageId;
  if (messageId.length > 200) return refusedHook(400, 'BAD_REQUEST', 'webhook-id is longer than 200 characters');
  const before = storedBefore(db, connector, messageId);
  // A re-sent quarantined body is answered as the first time: it is still not an instance.
  if (before?.status === 'quarantined') return refusedHook(400, 'BAD_REQUEST', before.reason ?? 'the body is not an instance');
  if (before) return jsonHookAnswer(200, { ok: true, duplicate: true, messageId });

  const checked = instanceProblem(connector, req.body);
  const headersJson = keptHeaders(req.headers);
  if (checked.problem !== null) {
    // Signed by the sender, so it is theirs and kept for inspection; it is not work, so no job.
    storeEvent(db, { connector, messageId, bodyText: req.body, headersJson, instanceId: null, status: 'quarantined', reason: checked.problem });
    return refusedHook(400, 'BAD_REQUEST', checked.problem);
  }
  const stored = storeEvent(db, { connector, messageId, bodyText: req.body, headersJson, instanceId: checked.instanceId, status: 'accepted' });
  // A concurrent copy of the same message committed first: that one is the work, this answer is its echo.
  if (!stored) return jsonHookAnswer(200, { ok: true, duplicate: true, messageId });
  return jsonHookAnswer(202, { ok: true, messageId, event: stored.eventId }, stored);
}
