/**
 * Profiling helper: runs one contestant (or one Ledgerlink stage) in a loop so a CPU profile shows where the
 * time goes. tsx's transpiled frames have useless line numbers, so profile an esbuild bundle instead:
 *
 *   npx esbuild bench/profile.ts --bundle --platform=node --packages=external --keep-names --outfile=/tmp/pb/profile.js
 *   BENCH_ROOT=$PWD NODE_PATH=$PWD/node_modules node --cpu-prof --cpu-prof-dir=/tmp/prof /tmp/pb/profile.js ledgerlink 10
 *   npx tsx bench/cpuprofile-summary.ts /tmp/prof/<file>.cpuprofile [top] [filter]
 *
 * Targets: ledgerlink | parse | normalize | execute | execute-notrace | serialise | jsonata | handwritten | floor
 * (quick figures without a profiler: `npx tsx bench/profile.ts execute 3`).
 */
import { parseJsonPayload } from '../server/connectors';
import { serialiseKingdee } from '../server/ledgers';
import {
  connector, executor, floor, handwritten, ledgerlink, normalizeOptions, parseAndNormalize, payloadText, targetOptions, viaJsonata, voucherOf,
} from './setup';

const what = process.argv[2] ?? 'ledgerlink';
const seconds = Number(process.argv[3] ?? 5);

async function main(): Promise<void> {
  const parsed = parseJsonPayload(payloadText);
  if (!parsed.ok) throw new Error('bad json');
  const record = parseAndNormalize(payloadText);
  const voucher = voucherOf(await executor.execute(record));
  const runs: Record<string, () => unknown> = {
    ledgerlink: () => ledgerlink(payloadText),
    parse: () => parseJsonPayload(payloadText),
    normalize: () => connector.normalize(parsed.value, normalizeOptions),
    execute: () => executor.execute(record),
    'execute-notrace': () => executor.execute(record, { trace: false }),
    serialise: () => serialiseKingdee(voucher, targetOptions),
    jsonata: () => viaJsonata(payloadText),
    handwritten: () => handwritten(payloadText),
    floor: () => floor(payloadText),
  };
  const run = runs[what];
  if (!run) throw new Error(`unknown target ${what}; one of ${Object.keys(runs).join(', ')}`);
  for (let i = 0; i < 200; i++) await run(); // warm-up
  const cpu0 = process.cpuUsage();
  const start = Date.now();
  const end = start + seconds * 1000;
  let calls = 0;
  while (Date.now() < end) {
    for (let i = 0; i < 50; i++) await run();
    calls += 50;
  }
  const wallMs = Date.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = (cpu.user + cpu.system) / calls;
  console.log(
    `${what}: ${calls} calls in ${(wallMs / 1000).toFixed(1)} s = ${Math.round((calls / wallMs) * 1000)}/s ` +
      `(${((wallMs * 1000) / calls).toFixed(1)} µs/call wall, ${cpuUs.toFixed(1)} µs/call CPU)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
