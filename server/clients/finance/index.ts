import { createKingdeeClient, type KingdeeTargetConfig } from './kingdee';
import type { FinanceClient, FinanceTransportOptions } from './types';
import { createU8Client } from './u8';
import { createWebhookClient } from './webhook';

export type { DeliveryAttemptResult, FinanceClient, FinanceDelivery, FinanceTransportOptions } from './types';

/** A finance target's connection, its sealed secrets already opened (kind as in finance_targets.kind). */
export type FinanceConnection =
  | ({ kind: 'kingdee' } & Omit<KingdeeTargetConfig, keyof FinanceTransportOptions>)
  | { kind: 'u8'; url: string }
  | { kind: 'webhook'; url: string; secret: string };

/**
 * The client for one finance target. Keep it for as long as the target is unchanged: the Kingdee client holds
 * its login session, and a new client per delivery would log in for every voucher.
 */
export function createFinanceClient(connection: FinanceConnection, transport: FinanceTransportOptions = {}): FinanceClient {
  switch (connection.kind) {
    case 'kingdee':
      return createKingdeeClient({ ...connection, ...transport });
    case 'u8':
      return createU8Client({ url: connection.url, ...transport });
    case 'webhook':
      return createWebhookClient({ url: connection.url, secret: connection.secret, ...transport });
  }
}
