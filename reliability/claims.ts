import fs from 'node:fs';
import path from 'node:path';

/**
 * Claims of the demo company for the reliability suite and the ingest benchmark: the demo payloads of
 * db/seed/payloads with a unique instance id and OA reference per claim, so every claim is its own voucher. A
 * faulty claim names a cost-bearing department the departments table lacks: a signed, well-formed instance whose
 * run ends in `error` (no voucher). (server/simulate/claims.ts, being written, will give richer claims.)
 */
export type ClaimFormat = 'dingtalk' | 'feishu' | 'wecom';

export interface Claim {
  format: ClaimFormat;
  body: string;
  instanceId: string;
  /** the OA reference number, which the demo vouchers carry (DingTalk businessId, WeCom sp_no, Feishu serial) */
  reference: string;
  faulty: boolean;
}

const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');
const FILES: Record<ClaimFormat, string> = {
  dingtalk: 'dingtalk-instance.json',
  feishu: 'feishu-instance.json',
  wecom: 'wecom-approval-detail.json',
};
const templates = new Map<ClaimFormat, string>();
function template(format: ClaimFormat): any {
  let text = templates.get(format);
  if (text === undefined) templates.set(format, (text = fs.readFileSync(path.join(ROOT, 'db/seed/payloads', FILES[format]), 'utf8')));
  return JSON.parse(text);
}

/** A deterministic pseudo-random sequence (mulberry32), so a failing run can be repeated with its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Claim number `n` of a run tagged `tag` (a few digits that keep runs apart). DingTalk references are 21 digits
 * (`2025031409` + tag + n), WeCom and Feishu ones 12, as the vendors number them.
 */
export function makeClaim(format: ClaimFormat, tag: number, n: number, faulty = false): Claim {
  const body = template(format);
  let instanceId: string;
  let reference: string;
  if (format === 'dingtalk') {
    reference = `2025031409${String(tag % 10_000).padStart(4, '0')}${String(n).padStart(7, '0')}`;
    instanceId = `rel-${tag}-${n}-${reference.slice(-6)}`;
    body.result.businessId = reference;
    body.result.processInstanceId = instanceId;
    if (faulty) {
      const dept = body.result.formComponentValues.find((c: { componentType: string }) => c.componentType === 'DepartmentField');
      dept.value = '不存在的部门';
    }
  } else if (format === 'wecom') {
    reference = `2025${String(tag % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`;
    instanceId = reference;
    body.info.sp_no = reference;
  } else {
    reference = `2025${String(tag % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`;
    instanceId = `REL-${tag}-${n}`;
    body.data.serial_number = reference;
    body.data.instance_code = instanceId;
    body.data.uuid = `${tag}${n}`;
  }
  return { format, body: JSON.stringify(body), instanceId, reference, faulty };
}

/** `count` claims, about `faultyShare` of them faulty (DingTalk only), in a seeded order. */
export function makeClaims(format: ClaimFormat, tag: number, count: number, faultyShare = 0, seed = tag): Claim[] {
  const random = seeded(seed);
  return Array.from({ length: count }, (_, n) => makeClaim(format, tag, n, format === 'dingtalk' && random() < faultyShare));
}

/** The OA references of `known` that a voucher document carries. */
export function referencesIn(document: string, known: ReadonlySet<string>): string[] {
  return [...new Set(document.match(/\d{12,21}/g) ?? [])].filter((r) => known.has(r));
}
