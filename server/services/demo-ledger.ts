import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { demoLedgerVouchers, financeTargets } from '../../db/schema';
import { verifyStandardWebhook } from '../inbound/standard-webhook';
import { openSecrets } from '../secrets';
import { recordRefusedHook } from './ingest';

export const DEMO_LEDGER_TARGET = 'demo-ledger';
export const DEMO_LEDGER_PATH = '/api/demo-ledger';

export type DemoLedgerAnswer = { status: number; body: unknown };

/**
 * The demo's finance system: accepts a voucher signed with the demo-ledger target's secret, books it once per
 * webhook-id (a retry gets the number it already has) and answers `{ voucherNumber }` as a finance middleware would.
 */
export function bookDemoVoucher(db: Db, req: { headers: Record<string, string | undefined>; body: string; clientAddress: string | null }): DemoLedgerAnswer {
  const target = db.select().from(financeTargets).where(eq(financeTargets.name, DEMO_LEDGER_TARGET)).get();
  if (!target) return { status: 404, body: { error: { code: 'NOT_FOUND', message: 'the demo ledger is not set up (LEDGERLINK_DEMO=0?)' } } };
  const { secret } = openSecrets<{ secret: string }>(target.secretsSealed, `finance-target:${target.name}`);
  const verified = verifyStandardWebhook([secret], req.headers, req.body);
  if (!verified.ok) {
    recordRefusedHook(db, DEMO_LEDGER_TARGET, `${verified.reason}: ${verified.message}`, req.clientAddress);
    return { status: 401, body: { error: { code: 'UNAUTHORIZED', message: verified.message } } };
  }
  return db.transaction((tx) => {
    const booked = tx.select().from(demoLedgerVouchers).where(eq(demoLedgerVouchers.webhookId, verified.messageId)).get();
    if (booked) return { status: 200, body: { voucherNumber: booked.voucherNumber, duplicate: true } };
    const count = tx.select({ n: sql<number>`count(*)` }).from(demoLedgerVouchers).get()!.n;
    const voucherNumber = `记-${String(count + 1).padStart(4, '0')}`;
    tx.insert(demoLedgerVouchers)
      .values({ webhookId: verified.messageId, voucherNumber, contentType: req.headers['content-type'] ?? '', body: req.body })
      .run();
    return { status: 201, body: { voucherNumber } };
  });
}
