/**
 * Throughput benchmark of the mapping engine on the demo DingTalk → Kingdee mapping (see bench/README.md).
 *
 *   npm run bench                      # ~2 s timed per contestant, plus a stage breakdown of the Ledgerlink path
 *   BENCH_MS=5000 npm run bench        # longer runs
 *   npm run bench -- --no-breakdown    # skip the stage breakdown
 *
 * Four contestants, each RAW payload text → Kingdee GL_VOUCHER Save object text:
 *   ledgerlink   parseJsonPayload (lossless) → dingtalk normalize → status check → executor.execute (trace on) →
 *                serialiseKingdee with the mapping's ledger settings (the steps of server/pipeline/run.ts)
 *   jsonata      one compiled JSONata expression (bench/travel-reimbursement.dingtalk-kingdee.jsonata)
 *   handwritten  plain JS (bench/handwritten.ts)
 *   floor        JSON.stringify(JSON.parse(text)) — not the same output; the cost of reading and writing JSON
 * The outputs of the first three are asserted byte-identical before anything is timed, on the sample and the
 * variants of bench/variants.ts (invalid ones must be refused by all three, naming the field).
 * The last line printed is `executor/handwritten=<ratio> executor/jsonata=<ratio>` (throughput ratios).
 */
import { parseJsonPayload } from '../server/connectors';
import { serialiseKingdee } from '../server/ledgers';
import {
  connector, executor, floor, handwritten, ledgerlink, normalizeOptions, parseAndNormalize, payloadText, spec, targetOptions, viaJsonata, voucherOf,
} from './setup';
import { CHECKED } from './variants';

const SLICE_TOTAL_MS = Number(process.env.BENCH_MS ?? 2000);
const ROUNDS = 10;
const WARMUP_MS = 500;
const BREAKDOWN = !process.argv.includes('--no-breakdown');

interface Contestant {
  key: string;
  label: string;
  /** Sync contestants run in a plain loop; async ones are awaited call by call (their API's real cost). */
  sync: boolean;
  run: (text: string) => string | Promise<string>;
}

const CONTESTANTS: Contestant[] = [
  { key: 'executor', label: 'ledgerlink (normalize+execute+serialise)', sync: false, run: ledgerlink },
  { key: 'jsonata', label: 'jsonata (compiled expression)', sync: false, run: viaJsonata },
  { key: 'handwritten', label: 'hand-written JS', sync: true, run: handwritten },
  { key: 'floor', label: 'JSON.parse+stringify (floor)', sync: true, run: floor },
];

// ---------------------------------------------------------------------------------------------------------------
// Equivalence: 1, 2 and 3 must produce the same bytes.

function diff(aName: string, a: string, bName: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  const out: string[] = [`--- ${aName}`, `+++ ${bName}`];
  let shown = 0;
  for (let i = 0; i < Math.max(al.length, bl.length) && shown < 30; i++) {
    if (al[i] === bl[i]) continue;
    out.push(`@@ line ${i + 1}`);
    for (let j = Math.max(0, i - 2); j < i; j++) out.push(`  ${al[j]}`);
    if (al[i] !== undefined) out.push(`- ${JSON.stringify(al[i])}`);
    if (bl[i] !== undefined) out.push(`+ ${JSON.stringify(bl[i])}`);
    shown++;
  }
  if (a.length !== b.length) out.push(`(lengths ${a.length} vs ${b.length})`);
  return out.join('\n');
}

async function outcome(c: Contestant, text: string): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  try {
    return { ok: true, text: await c.run(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

async function assertSameOutput(): Promise<string> {
  let failed = false;
  const judged = CONTESTANTS.filter((x) => x.key !== 'floor');
  for (const p of CHECKED) {
    const results = await Promise.all(judged.map((c) => outcome(c, p.text)));
    const [ref, ...others] = results;
    if (p.valid) {
      if (!ref.ok) {
        failed = true;
        console.error(`[${p.name}] ledgerlink failed: ${ref.error}`);
        continue;
      }
      JSON.parse(ref.text); // valid JSON
      others.forEach((o, i) => {
        if (o.ok && o.text === ref.text) return;
        failed = true;
        const who = judged[i + 1].label;
        console.error(`OUTPUT MISMATCH [${p.name}]: ${who} differs from ledgerlink\n` + (o.ok ? diff('ledgerlink', ref.text, who, o.text) : `it failed: ${o.error}`) + '\n');
      });
    } else {
      results.forEach((o, i) => {
        if (o.ok) {
          failed = true;
          console.error(`[${p.name}] ${judged[i].label} produced a voucher for an invalid claim`);
        } else if (p.field && !o.error.includes(p.field)) {
          failed = true;
          console.error(`[${p.name}] ${judged[i].label} refused it without naming ${p.field}: ${o.error}`);
        }
      });
    }
  }
  // Each contestant re-parses the payload on every call: a repeated call must give the same bytes.
  const reference = await ledgerlink(payloadText);
  for (const c of judged) {
    if ((await c.run(payloadText)) !== reference || (await c.run(payloadText)) !== reference) {
      failed = true;
      console.error(`OUTPUT MISMATCH on a repeated call: ${c.label}`);
    }
  }
  if (failed) {
    console.error('bench aborted: the contestants do not produce byte-identical output');
    process.exit(1);
  }
  return reference;
}

// ---------------------------------------------------------------------------------------------------------------
// Timing.

let sink = 0; // keeps results observable so no call can be optimised away

async function runBatch(c: Contestant, n: number): Promise<void> {
  if (c.sync) {
    const run = c.run as (t: string) => string;
    for (let i = 0; i < n; i++) sink += run(payloadText).length;
  } else {
    for (let i = 0; i < n; i++) sink += (await c.run(payloadText)).length;
  }
}

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** Runs batches for at least `ms`; returns calls made and ms spent. */
async function slice(c: Contestant, batch: number, ms: number): Promise<{ calls: number; ms: number }> {
  const start = now();
  let calls = 0;
  let t: number;
  do {
    await runBatch(c, batch);
    calls += batch;
    t = now();
  } while (t - start < ms);
  return { calls, ms: t - start };
}

interface Stats {
  calls: number;
  ms: number;
  perRound: number[]; // transforms/s in each round
}

const perSecond = (s: { calls: number; ms: number }) => (s.calls / s.ms) * 1000;

/** Warm-up, batch sizing (~1 ms per batch), then ROUNDS interleaved rounds with rotating order. */
async function measure(list: Contestant[], totalMs: number): Promise<Map<string, Stats>> {
  const batches = new Map<string, number>();
  for (const c of list) {
    const w = await slice(c, 1, WARMUP_MS);
    batches.set(c.key, Math.max(1, Math.round(perSecond(w) / 1000)));
  }
  const stats = new Map<string, Stats>(list.map((c) => [c.key, { calls: 0, ms: 0, perRound: [] }]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = list.map((_, i) => list[(i + r) % list.length]);
    for (const c of order) {
      const s = await slice(c, batches.get(c.key)!, totalMs / ROUNDS);
      const st = stats.get(c.key)!;
      st.calls += s.calls;
      st.ms += s.ms;
      st.perRound.push(perSecond(s));
    }
  }
  return stats;
}

// ---------------------------------------------------------------------------------------------------------------
// Report.

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmt = (n: number, d = 2) => n.toFixed(d);
const pad = (s: string, w: number, right = false) => (right ? s.padStart(w) : s.padEnd(w));

function table(headers: string[], rows: string[][], rightFrom = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i >= rightFrom)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function breakdown(): Promise<void> {
  const parsed = parseJsonPayload(payloadText);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const record = parseAndNormalize(payloadText);
  const voucher = voucherOf(await executor.execute(record));
  const stages: Contestant[] = [
    { key: 'parse', label: 'parseJsonPayload', sync: true, run: (t) => (parseJsonPayload(t).ok ? 'x' : '') },
    {
      key: 'normalize',
      label: 'dingtalk normalize (pre-parsed)',
      sync: true,
      run: () => (connector.normalize(parsed.value, normalizeOptions).ok ? 'x' : ''),
    },
    { key: 'execute', label: 'executor.execute (trace on)', sync: false, run: async () => (await executor.execute(record)).status },
    { key: 'executeNoTrace', label: 'executor.execute (trace off, info)', sync: false, run: async () => (await executor.execute(record, { trace: false })).status },
    { key: 'serialise', label: 'serialiseKingdee', sync: true, run: () => serialiseKingdee(voucher, targetOptions) },
  ];
  const stats = await measure(stages, Math.max(1000, SLICE_TOTAL_MS / 2));
  const us = (k: string) => 1e6 / perSecond(stats.get(k)!); // µs per call
  const path = ['parse', 'normalize', 'execute', 'serialise'];
  const sum = path.reduce((a, k) => a + us(k), 0);
  console.log('\nLedgerlink stage breakdown (each stage timed alone on pre-computed input):');
  console.log(
    table(
      ['stage', 'µs/call', '% of path'],
      stages.map((s) => [s.label, fmt(us(s.key), 1), path.includes(s.key) ? `${fmt((us(s.key) / sum) * 100, 1)}%` : '-']),
    ),
  );
  console.log(`sum of stages ${fmt(sum, 1)} µs/call (the full path, timed as one, is in the table below)`);
}

async function main(): Promise<void> {
  console.log(`Ledgerlink engine bench — ${spec.name}, payload ${payloadText.length} chars, node ${process.version}`);
  const reference = await assertSameOutput();
  console.log(
    `outputs of ledgerlink, jsonata and hand-written are byte-identical (${reference.length} chars) on the sample and ` +
      `${CHECKED.length - 1} variants (${CHECKED.filter((c) => !c.valid).length} refused by all three)`,
  );
  console.log(`timing: ${WARMUP_MS} ms warm-up each, then ${ROUNDS} interleaved rounds, ~${SLICE_TOTAL_MS} ms per contestant`);

  if (BREAKDOWN) await breakdown();

  const stats = await measure(CONTESTANTS, SLICE_TOTAL_MS);
  const tput = (k: string) => perSecond(stats.get(k)!);
  const exec = tput('executor');
  console.log('\nRaw payload text → Kingdee Save JSON text:');
  console.log(
    table(
      ['contestant', 'transforms/s', 'µs/call', 'rounds min–max /s', 'executor ÷ this'],
      CONTESTANTS.map((c) => {
        const s = stats.get(c.key)!;
        return [
          c.label,
          fmtInt(tput(c.key)),
          fmt(1e6 / tput(c.key), 1),
          `${fmtInt(Math.min(...s.perRound))}–${fmtInt(Math.max(...s.perRound))}`,
          `${fmt(exec / tput(c.key))}×`,
        ];
      }),
    ),
  );
  const vsHand = exec / tput('handwritten');
  const vsJsonata = exec / tput('jsonata');
  console.log(
    `\ntargets: executor ≥ 0.50× hand-written: ${vsHand >= 0.5 ? 'met' : 'MISSED'} (${fmt(vsHand)}×); ` +
      `executor ≥ 7× JSONata: ${vsJsonata >= 7 ? 'met' : 'MISSED'} (${fmt(vsJsonata)}×)` +
      (sink === 0 ? ' [no output?]' : ''),
  );
  console.log(`executor/handwritten=${fmt(vsHand)} executor/jsonata=${fmt(vsJsonata)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
