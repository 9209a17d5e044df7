import { afterEach, describe, expect, it, vi } from 'vitest';

// The page reads the session through next/headers only after the switch lets it through: without the switch it
// must answer 404 before asking who is there, so a request with no Next request scope reaches the check alone.
vi.mock('../../../_trpc/server', () => ({
  serverCaller: vi.fn(async () => {
    throw new Error('the bench page asked for the session while the bench switch is off');
  }),
  settled: vi.fn(),
}));

const { default: BenchFlowPage } = await import('./page');
const { POST: baselinePost } = await import('../../../api/bench/baseline/route');

afterEach(() => vi.unstubAllEnvs());

/** Next's notFound() throws an error whose digest names the 404 fallback. */
async function statusOf(render: Promise<unknown>): Promise<string> {
  try {
    await render;
    return 'rendered';
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    return digest.endsWith(';404') ? '404' : `failed: ${(error as Error).message}`;
  }
}

describe('bench pages and routes without LEDGERLINK_BENCH', () => {
  it('GET /bench/flow/NAME is not found unless LEDGERLINK_BENCH=1', async () => {
    const params = Promise.resolve({ name: 'travel-reimbursement.dingtalk-kingdee' });
    for (const value of ['', '0', 'true']) {
      vi.stubEnv('LEDGERLINK_BENCH', value);
      expect(await statusOf(BenchFlowPage({ params }))).toBe('404');
    }
    // With the switch on it goes on to read the session (mocked above to fail loudly): the gate is the switch.
    vi.stubEnv('LEDGERLINK_BENCH', '1');
    expect(await statusOf(BenchFlowPage({ params }))).toMatch(/asked for the session/);
  });

  it('POST /api/bench/baseline answers 404 unless LEDGERLINK_BENCH=1', async () => {
    vi.stubEnv('LEDGERLINK_BENCH', '');
    const res = await baselinePost(new Request('http://localhost/api/bench/baseline?connector=dingtalk', { method: 'POST', body: '{}' }));
    expect(res.status).toBe(404);
  });
});
