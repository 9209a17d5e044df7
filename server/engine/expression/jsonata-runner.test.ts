import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { createJsonataRunner } from './jsonata-runner';

const LIMITS = { timeMs: 1000, maxChars: 1_000_000 };

describe('the JSONata runner every expression goes through', () => {
  it('its guarded $pad pads exactly as JSONata\'s own', async () => {
    const run = createJsonataRunner();
    for (const e of ['$pad("ab", 5, "xy")', '$pad("ab", -5, "xy")', '$pad("ab", 5)', '$pad("ab", 1)', '$pad("ab", 6, "😀")', '$pad("ab", -4, "")', '$pad("é", 3.7, "-")']) {
      const own = await jsonata(e).evaluate({});
      expect(await run(e, {}, LIMITS)).toEqual({ ok: true, value: own, chars: own.length });
    }
  });

  it('refuses a $pad wider than the characters left before building it', async () => {
    const run = createJsonataRunner();
    expect(await run('$pad("x", 1001)', {}, { timeMs: 1000, maxChars: 1000 })).toMatchObject({ ok: false, kind: 'size' });
  });

  it('passes back plain data: sequences as arrays, nothing that cannot leave the sandbox', async () => {
    const run = createJsonataRunner();
    expect(await run('[1, "a", true, null]', {}, LIMITS)).toEqual({ ok: true, value: [1, 'a', true, null], chars: 8 + 1 + 8 });
    expect(await run('function($x){$x}', {}, LIMITS)).toMatchObject({ ok: false, kind: 'failed', message: expect.stringMatching(/function/) });
  });
});
