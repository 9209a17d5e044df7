import fs from 'node:fs';
import path from 'node:path';
import { MappingSpecSchema, type MappingSpec } from '#server/engine';

export const DEMOS = ['travel-reimbursement.dingtalk-kingdee', 'travel-reimbursement.feishu-kingdee', 'travel-reimbursement.wecom-u8'];

/** A demo mapping as seeded, parsed like the API parses it (defaults filled in). */
export function loadDemo(name: string): MappingSpec {
  const text = fs.readFileSync(path.join(process.cwd(), 'db/seed/mappings', `${name}.json`), 'utf8');
  return MappingSpecSchema.parse(JSON.parse(text));
}
