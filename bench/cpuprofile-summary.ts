/**
 * Summarises a V8 .cpuprofile: self and inclusive time by function, and self time by source file.
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top=40] [filter-substring] [--under=<functionName>]
 *
 * `--under=execute` keeps only samples with a frame of that name on the stack and gives percentages of them
 * (e.g. the split of `execute`, `runNormalize` or `serialiseKingdee` alone).
 *
 * Frames from an esbuild bundle (see bench/profile.ts) are mapped back to their source file through the bundle's
 * `// server/…` section comments, so they read `scalarStep server/engine/steps.ts (bundle line 4628)`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const under = process.argv.find((a) => a.startsWith('--under='))?.slice('--under='.length);
const [file, topArg, filter] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: tsx bench/cpuprofile-summary.ts <file.cpuprofile> [top] [filter]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hasUnder = (id: number): boolean => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === under) return true;
  return false;
};
const selfTime = new Map<number, number>();
prof.samples.forEach((id, i) => {
  if (under && !hasUnder(id)) return;
  selfTime.set(id, (selfTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
});
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);

/** Bundle line → source file, from esbuild's `// path` section comments. */
const sections = new Map<string, { line: number; file: string }[]>();
function sourceOf(url: string, line: number): string | null {
  if (!url.startsWith('file://') || !url.endsWith('.js')) return null;
  let list = sections.get(url);
  if (!list) {
    list = [];
    const path = fileURLToPath(url);
    if (existsSync(path)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const m = /^\/\/ ((?:server|bench|db)\/\S+\.ts)$/.exec(text);
          if (m) list!.push({ line: i, file: m[1] });
        });
    }
    sections.set(url, list);
  }
  let found: string | null = null;
  for (const s of list) if (s.line <= line) found = s.file;
  return found;
}

function fileOf(f: CallFrame): string {
  const src = sourceOf(f.url, f.lineNumber);
  if (src) return src;
  if (!f.url) return f.functionName; // (garbage collector), (program), (idle)…
  return f.url.replace(/^.*\/work\/main\//, '').replace(/^.*node_modules\//, 'nm/');
}
function label(f: CallFrame): string {
  const src = sourceOf(f.url, f.lineNumber);
  const where = src ? `${src} (bundle line ${f.lineNumber + 1})` : `${fileOf(f)}:${f.lineNumber + 1}`;
  return `${f.functionName || '(anonymous)'} ${where}`;
}

const selfBy = new Map<string, number>();
const inclBy = new Map<string, number>();
const selfByFile = new Map<string, number>();
for (const [id, t] of selfTime) {
  const n = byId.get(id)!;
  const l = label(n.callFrame);
  selfBy.set(l, (selfBy.get(l) ?? 0) + t);
  const f = fileOf(n.callFrame);
  selfByFile.set(f, (selfByFile.get(f) ?? 0) + t);
  const seen = new Set<string>(); // inclusive: each distinct frame on the stack counts once
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const cl = label(byId.get(cur)!.callFrame);
    if (!seen.has(cl)) {
      seen.add(cl);
      inclBy.set(cl, (inclBy.get(cl) ?? 0) + t);
    }
  }
}
const pct = (t: number) => ((t / total) * 100).toFixed(1).padStart(5) + '%';
const list = (m: Map<string, number>) =>
  [...m]
    .filter(([k]) => !filter || k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, t]) => console.log(`${pct(t)}  ${k}`));

console.log(`total sampled ${(total / 1000).toFixed(0)} ms${under ? ` under ${under}()` : ''}`);
console.log('\nSELF time by source file');
list(selfByFile);
console.log('\nSELF time by function');
list(selfBy);
console.log('\nINCLUSIVE time by function');
list(inclBy);
