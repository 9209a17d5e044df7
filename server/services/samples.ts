import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { sampleSubmissions } from '../../db/schema';
import { NotFoundError } from './errors';

export interface SampleSummary {
  id: number;
  name: string;
  connector: string;
  templateCode: string;
  createdAt: string;
}

export function listSamples(db: Db, connector?: string): SampleSummary[] {
  return db
    .select({
      id: sampleSubmissions.id,
      name: sampleSubmissions.name,
      connector: sampleSubmissions.connector,
      templateCode: sampleSubmissions.templateCode,
      createdAt: sampleSubmissions.createdAt,
    })
    .from(sampleSubmissions)
    .where(connector ? eq(sampleSubmissions.connector, connector) : undefined)
    .orderBy(asc(sampleSubmissions.connector), asc(sampleSubmissions.name))
    .all();
}

export function getSample(db: Db, id: number): SampleSummary & { payloadText: string } {
  const row = db.select().from(sampleSubmissions).where(eq(sampleSubmissions.id, id)).get();
  if (!row) throw new NotFoundError(`sample submission ${id} does not exist`);
  return row;
}

export function addSample(db: Db, s: { name: string; connector: string; templateCode: string; payloadText: string }): number {
  const existing = db
    .select({ id: sampleSubmissions.id })
    .from(sampleSubmissions)
    .where(and(eq(sampleSubmissions.connector, s.connector), eq(sampleSubmissions.name, s.name)))
    .get();
  if (existing) return existing.id;
  return db.insert(sampleSubmissions).values(s).returning({ id: sampleSubmissions.id }).get().id;
}
