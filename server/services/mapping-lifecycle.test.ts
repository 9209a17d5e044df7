import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionError, ValidationError } from './errors';
import { listTemplates } from './form-templates';
import { createMapping, deleteMapping, duplicateMapping } from './mapping-lifecycle';
import { getMapping, listMappings } from './mappings';
import { seededDatabase } from './test-support';

const db = seededDatabase('lifecycle');

describe('mapping lifecycle', () => {
  it('creates an empty mapping from a form template and a ledger target', () => {
    const wecom = listTemplates(db).find((t) => t.oaSystem === 'wecom')!;
    createMapping(db, { name: 'purchase.wecom-journal', connector: 'wecom', templateCode: wecom.templateCode, targetFormat: 'journal-json' });
    const m = getMapping(db, 'purchase.wecom-journal');
    expect(m).toMatchObject({ revision: 1, sourceConnector: 'wecom', targetFormat: 'journal-json' });
    expect(m.spec).toMatchObject({ nodes: [], edges: [], lines: [], source: { postOn: ['approved'] } });
  });

  it('refuses a taken name, an unknown template and an unknown target', () => {
    const t = listTemplates(db)[0];
    const base = { connector: t.oaSystem as 'dingtalk', templateCode: t.templateCode, targetFormat: 'csv' };
    expect(() => createMapping(db, { ...base, name: 'travel-reimbursement.wecom-u8' })).toThrow(ConflictError);
    expect(() => createMapping(db, { ...base, name: 'x', templateCode: 'NOPE' })).toThrow(NotFoundError);
    expect(() => createMapping(db, { ...base, name: 'y', targetFormat: 'sap' })).toThrow(ValidationError);
    expect(() => createMapping(db, { ...base, name: 'bad name!' })).toThrow(ValidationError);
  });

  it('checks a new mapping with the API’s own create schema, name rules and wording included', () => {
    const t = listTemplates(db)[0];
    const base = { connector: t.oaSystem as 'dingtalk', templateCode: t.templateCode, targetFormat: 'csv' };
    expect(() => createMapping(db, { ...base, name: 'bad name!' })).toThrow(/use letters, digits and \. _ - only/);
    for (const name of ['.', '..']) expect(() => createMapping(db, { ...base, name })).toThrow(ValidationError);
    expect(() => createMapping(db, { ...base, name: 'z', connector: 'weaver' as 'dingtalk' })).toThrow(/connector/);
    expect(listMappings(db).map((m) => m.name)).not.toContain('..');
  });

  it('duplicates spec and layout under a new name at revision 1', () => {
    duplicateMapping(db, 'travel-reimbursement.dingtalk-kingdee', 'travel-reimbursement.dingtalk-kingdee.copy');
    const copy = getMapping(db, 'travel-reimbursement.dingtalk-kingdee.copy');
    const original = getMapping(db, 'travel-reimbursement.dingtalk-kingdee');
    expect(copy.revision).toBe(1);
    expect({ ...copy.spec, name: original.name }).toEqual(original.spec);
    expect(() => duplicateMapping(db, 'nope', 'z')).toThrow(NotFoundError);
  });

  it('deletes a draft that was never published, but never a published one', () => {
    deleteMapping(db, 'travel-reimbursement.dingtalk-kingdee.copy');
    expect(listMappings(db).map((m) => m.name)).not.toContain('travel-reimbursement.dingtalk-kingdee.copy');
    // The demo seed published version 1 of each demo mapping.
    expect(() => deleteMapping(db, 'travel-reimbursement.feishu-kingdee')).toThrow(PreconditionError);
    expect(() => deleteMapping(db, 'nope')).toThrow(NotFoundError);
  });
});
