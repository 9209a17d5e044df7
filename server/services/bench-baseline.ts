import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { connectors } from '../../db/schema';
import type { LiveConnector } from './connectors';
import { storeEvent } from './ingest';

const connectorIds = new WeakMap<Db, Map<string, number>>();

/**
 * The ingest benchmark's floor (`npm run bench:ingest`, app/api/bench/baseline): the same durable insert as a
 * signed webhook — the event row and its processing job in one transaction, on the same connection — with no
 * signature check, no normalising and no audit entry. Null when no connector has that name.
 */
export function storeBaselineEvent(db: Db, connectorName: string, messageId: string, bodyText: string): { eventId: number } | null | 'no-connector' {
  let ids = connectorIds.get(db);
  if (!ids) connectorIds.set(db, (ids = new Map()));
  let id = ids.get(connectorName);
  if (id === undefined) {
    id = db.select({ id: connectors.id }).from(connectors).where(eq(connectors.name, connectorName)).get()?.id;
    if (id === undefined) return 'no-connector';
    ids.set(connectorName, id);
  }
  return storeEvent(db, {
    connector: { id } as LiveConnector,
    messageId,
    bodyText,
    headersJson: '{}',
    instanceId: null,
    status: 'accepted',
  });
}
