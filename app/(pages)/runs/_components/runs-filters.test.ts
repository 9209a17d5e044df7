import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersToQueryString, hasFilters, listInput } from './runs-filters';

describe('runs page filters', () => {
  it('round-trips through the URL and drops values a hand-edited link got wrong', () => {
    const f = filtersFromParams({ status: 'error', reference: ' 2025-0042 ', fromDay: '2026-12-01', toDay: 'soon', connector: ['demo-dingtalk', 'x'] });
    expect(f).toEqual({ status: 'error', reference: '2025-0042', fromDay: '2026-12-01', connector: 'demo-dingtalk' });
    expect(filtersFromParams(Object.fromEntries(new URLSearchParams(filtersToQueryString(f).slice(1))))).toEqual(f);
    expect(filtersFromParams({ status: 'exploded' })).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(filtersToQueryString({})).toBe('');
  });

  it('asks for whole China-time days', () => {
    expect(listInput({ fromDay: '2026-12-05', toDay: '2026-12-06', mapping: 'm' }, 100)).toMatchObject({
      limit: 100,
      mapping: 'm',
      from: '2026-12-04T16:00:00.000Z',
      to: '2026-12-06T15:59:59.999Z',
    });
  });
});
