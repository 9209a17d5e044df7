import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { appMeta } from '../../db/schema';
import { OA_SYSTEMS } from '../engine/form-record';
import { saveTemplateFromPayload } from './form-templates';
import { listMappings, importMapping, parseSpecText } from './mappings';
import { addSample } from './samples';
import { importTableCsv, listTables } from './tables';
import { demoEnabled, seedDemoUsers } from './users-demo';
import { publishInitialVersion } from './versions';
import { seedDemoLive } from './seed-live';

const Manifest = z.object({
  tables: z.array(z.object({ name: z.string(), file: z.string(), description: z.string() })),
  samples: z.array(
    z.object({ name: z.string(), connector: z.enum(OA_SYSTEMS), templateCode: z.string(), file: z.string(), templateName: z.string() }),
  ),
  mappings: z.array(z.string()),
});

const SEEDED = 'demo_seeded_at';
/** Set once version 1 of the demo mappings is published (databases seeded before versions existed get it later). */
const PUBLISHED = 'demo_versions_published_at';

/**
 * Loads the demo company (lookup tables, sample submissions with their inferred form templates, the three demo
 * mappings) once per database. Later starts leave the data alone, so users' edits and deletions stick.
 */
export function seedDemo(db: Db, root: string, log: (msg: string) => void = () => {}): boolean {
  // LEDGERLINK_DEMO=0 starts with neither the demo company nor its users (users-demo.ts).
  if (!demoEnabled()) return false;
  seedDemoUsers(db, log);
  const dir = path.join(root, 'db', 'seed');
  const readManifest = () => Manifest.parse(JSON.parse(fs.readFileSync(path.join(dir, 'demo.json'), 'utf8')));
  if (db.select().from(appMeta).where(eq(appMeta.key, SEEDED)).get()) {
    const manifest = readManifest();
    publishDemoVersions(db, dir, manifest, log);
    seedDemoLive(db, demoMappingNames(dir, manifest), log);
    return false;
  }
  const manifest = readManifest();
  db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const existingTables = new Set(listTables(txDb).map((t) => t.name));
    for (const t of manifest.tables)
      if (!existingTables.has(t.name)) importTableCsv(txDb, t.name, fs.readFileSync(path.join(dir, t.file), 'utf8'), t.description);
    for (const s of manifest.samples) {
      const payloadText = fs.readFileSync(path.join(dir, s.file), 'utf8');
      const template = saveTemplateFromPayload(txDb, { connector: s.connector, payloadText, name: s.templateName, templateCode: s.templateCode || undefined });
      addSample(txDb, { name: s.name, connector: s.connector, templateCode: template.templateCode, payloadText });
    }
    const existingMappings = new Set(listMappings(txDb).map((m) => m.name));
    for (const file of manifest.mappings) {
      const spec = parseSpecText(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      if (!existingMappings.has(spec.name)) importMapping(txDb, spec);
    }
    tx.insert(appMeta).values({ key: SEEDED, value: new Date().toISOString() }).run();
  });
  log(`seeded the demo company: ${manifest.tables.length} lookup tables, ${manifest.samples.length} sample submissions, ${manifest.mappings.length} mappings`);
  publishDemoVersions(db, dir, manifest, log);
  seedDemoLive(db, demoMappingNames(dir, manifest), log);
  return true;
}

function demoMappingNames(dir: string, manifest: z.infer<typeof Manifest>): string[] {
  return manifest.mappings.map((file) => parseSpecText(fs.readFileSync(path.join(dir, file), 'utf8'), file).name);
}

/**
 * Version 1 of each demo mapping, in force from the start, so the demo runs live out of the box. Once per
 * database: a demo mapping the user deleted (or already published) is left alone.
 */
function publishDemoVersions(db: Db, dir: string, manifest: z.infer<typeof Manifest>, log: (msg: string) => void): void {
  if (db.select().from(appMeta).where(eq(appMeta.key, PUBLISHED)).get()) return;
  const published = db.transaction((tx) => {
    const txDb = tx as unknown as Db;
    const existing = new Set(listMappings(txDb).map((m) => m.name));
    const names: string[] = [];
    for (const file of manifest.mappings) {
      const spec = parseSpecText(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      if (existing.has(spec.name) && publishInitialVersion(tx, spec.name, spec)) names.push(spec.name);
    }
    tx.insert(appMeta).values({ key: PUBLISHED, value: new Date().toISOString() }).run();
    return names;
  });
  if (published.length > 0) log(`published version 1 of ${published.join(', ')}, in force from the start`);
}
