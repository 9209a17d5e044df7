import { describe, expect, it } from 'vitest';
import { demoSpec, demoTables } from '../../db/seed/demo-fixture';
import { record } from '../engine/test-support';
import { applicantName, namingTables } from './applicant-name';

const tables = demoTables();

describe('the applicant by name', () => {
  it('takes the name the OA sends', () => {
    expect(applicantName(record({}, { applicant: { id: 'u1', name: '王芳' } }), demoSpec('dingtalk'), tables)).toBe('王芳');
  });

  it.each([
    ['dingtalk', '024512663938264572'],
    ['feishu', '5d9a1c2e'],
    ['wecom', 'ZhangWei'],
  ] as const)('finds a %s user id through the mapping’s own employee lookup', (system, id) => {
    expect(applicantName(record({}, { applicant: { id } }), demoSpec(system), tables)).toBe('张伟');
  });

  it('gives no name for a user the tables do not know, nor for no applicant', () => {
    expect(applicantName(record({}, { applicant: { id: 'nobody' } }), demoSpec('dingtalk'), tables)).toBeNull();
    expect(applicantName(record({}), demoSpec('dingtalk'), tables)).toBeNull();
    expect(applicantName(record({}, { applicant: { id: 'ZhangWei' } }), demoSpec('wecom'), {})).toBeNull();
  });

  it('names the tables a run page needs to fetch: the ones a lookup reads a name from', () => {
    expect(namingTables(demoSpec('wecom'))).toEqual(['employees']);
  });
});
