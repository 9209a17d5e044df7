import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appMeta } from '../../db/schema';
import { createConnector, listConnectors } from './connectors';
import { DEMO_LEDGER_PATH, DEMO_LEDGER_TARGET } from './demo-ledger';
import { createTarget, listTargets } from './finance-targets';
import { listMappings } from './mappings';
import { SYSTEM_ACTOR } from './versions';

const LIVE_SEEDED = 'demo_live_seeded_at';

/** The demo connector that feeds a demo mapping: one per OA system, named after it. */
export const demoConnectorName = (oaSystem: string) => `demo-${oaSystem}`;

/**
 * The demo runs live out of the box: a signed-webhook connector for each demo mapping's OA system and form, and the
 * local finance system every demo mapping delivers to. Once per database; what the user changes later stays.
 */
export function seedDemoLive(db: Db, demoMappings: string[], log: (msg: string) => void): void {
  if (db.select().from(appMeta).where(eq(appMeta.key, LIVE_SEEDED)).get()) return;
  const mappings = listMappings(db).filter((m) => demoMappings.includes(m.name));
  db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const connectors = new Set(listConnectors(txDb).map((c) => c.name));
    for (const m of mappings) {
      const name = demoConnectorName(m.sourceConnector);
      if (connectors.has(name)) continue;
      createConnector(txDb, SYSTEM_ACTOR, { name, kind: 'webhook', format: m.sourceConnector as never, templateCode: m.templateCode || undefined });
      connectors.add(name);
    }
    if (!listTargets(txDb).some((t) => t.name === DEMO_LEDGER_TARGET))
      createTarget(txDb, SYSTEM_ACTOR, { name: DEMO_LEDGER_TARGET, kind: 'webhook', url: DEMO_LEDGER_PATH, mappings: mappings.map((m) => m.name) });
    tx.insert(appMeta).values({ key: LIVE_SEEDED, value: new Date().toISOString() }).run();
  });
  log(`demo live setup: connectors ${mappings.map((m) => demoConnectorName(m.sourceConnector)).join(', ')} → demo ledger at ${DEMO_LEDGER_PATH}`);
}
