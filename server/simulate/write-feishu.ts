/**
 * A simulated claim as Feishu's approval v4 API returns the instance (GET /open-apis/approval/v4/instances/:id):
 * the form is JSON text inside the body, amounts in it are JSON numbers written with exactly the digits typed
 * (lossless-json, never a float), times are epoch milliseconds as strings.
 */
import { createHash } from 'node:crypto';
import { LosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { ClaimModel } from './claim-model';
import type { DemoCompany } from './demo-company';
import { capitalYuan, shortYuan } from './money';
import { chinaStamp, clone, fenOfValid, type WrittenClaim } from './write-common';

type Widget = { id: string; name?: string; type: string; value: any; ext?: any; option?: unknown; open_ids?: string[] };

/** A user's open_id as Feishu would show it: fixed per user, opaque. */
const openId = (userId: string) => `ou_${createHash('sha256').update(`feishu-user:${userId}`).digest('hex').slice(0, 32)}`;
const num = (text: string) => new LosslessNumber(text);
const chinaDay = (date: string) => `${date}T00:00:00+08:00`;

function sumOf(texts: (string | null)[]): string {
  let fen = 0;
  for (const t of texts) fen += t === null ? 0 : fenOfValid(t);
  return Number.isFinite(fen) ? shortYuan(fen) : '0';
}

export function writeFeishu(claim: ClaimModel, company: DemoCompany): WrittenClaim {
  const body = clone(company.samples.feishu) as { data: Record<string, any> };
  const d = body.data;
  const h = claim.hex.toUpperCase();
  const instanceId = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-A${h.slice(17, 20)}-${h.slice(20, 32)}`;
  // The day and a four-digit running number, as Feishu numbers instances (the instance's identity is instance_code).
  const serial = `${chinaStamp(claim.submittedAtMs).slice(0, 8)}${String(claim.serial % 10_000).padStart(4, '0')}`;
  const claimant = claim.claimant;

  d.start_time = String(claim.submittedAtMs);
  d.end_time = String(claim.finishedAtMs);
  d.user_id = claimant.feishuUserId;
  d.open_id = openId(claimant.feishuUserId);
  d.department_id = claim.home.feishuOpenId;
  d.serial_number = serial;
  d.status = 'APPROVED';
  d.uuid = String(10_000_000 + (claim.serial % 90_000_000));
  d.instance_code = instanceId;
  const tasks = d.task_list as Record<string, string>[];
  if (tasks.length >= 2) {
    Object.assign(tasks[0], { start_time: String(claim.submittedAtMs + 210), end_time: String(claim.firstApprovalAtMs) });
    Object.assign(tasks[1], { start_time: String(claim.firstApprovalAtMs + 142), end_time: String(claim.finishedAtMs + 30) });
  }
  const timeline = d.timeline as Record<string, string>[];
  if (timeline.length >= 3) {
    Object.assign(timeline[0], { create_time: String(claim.submittedAtMs), user_id: claimant.feishuUserId, open_id: d.open_id });
    timeline[1].create_time = String(claim.firstApprovalAtMs);
    timeline[2].create_time = String(claim.finishedAtMs + 30);
  }

  const form = parseLossless(d.form as string) as Widget[];
  const byName = (name: string) => form.find((w) => w.name === name);
  const set = (name: string, patch: Partial<Widget>) => {
    const w = byName(name);
    if (w) Object.assign(w, patch);
  };
  set('报销事由', { value: claim.reason });
  set('费用承担部门', { value: [{ open_id: claim.unknownDepartment ?? claim.bearer.feishuOpenId }] });
  set('报销人', { value: [claimant.feishuUserId], open_ids: [d.open_id as string] });
  set('成本中心', { value: `${claim.bearer.costCentre} ${claim.bearer.name}` });
  const days = Math.round((Date.parse(claim.tripEnd) - Date.parse(claim.tripStart)) / 86_400_000) + 1;
  set('出差日期', { value: { start: chinaDay(claim.tripStart), end: chinaDay(claim.tripEnd), interval: num(days.toFixed(1)) } });

  const list = form.find((w) => w.type === 'fieldList');
  if (list) {
    const template = (list.value as Widget[][])[0];
    list.value = claim.rows.map((row) =>
      template.map((cell) => {
        switch (cell.name) {
          case '费用类型':
            return { ...cell, value: row.type, option: { key: `${claim.hex.slice(0, 8)}-${row.type}`, text: row.type } };
          case '发生日期':
            return { ...cell, value: chinaDay(row.date) };
          case '费用说明':
            return { ...cell, value: row.description };
          case '金额':
            return { ...cell, value: row.amount === null ? null : num(row.amount), ext: { ...cell.ext, capitalValue: capitalYuan(fenOfValid(row.amount ?? '')) } };
          case '税额':
            return { ...cell, value: row.tax === null ? null : num(row.tax), ext: { ...cell.ext, capitalValue: row.tax === null ? '' : capitalYuan(fenOfValid(row.tax)) } };
          default:
            return cell;
        }
      }),
    );
    // Feishu's own column sums, kept consistent with the rows (the mapping reads the 报销合计 widget instead).
    const [amountSum, taxSum] = [sumOf(claim.rows.map((r) => r.amount)), sumOf(claim.rows.map((r) => r.tax))];
    if (Array.isArray(list.ext) && list.ext.length >= 2) {
      list.ext[0] = { ...list.ext[0], sumItems: JSON.stringify([{ currency: 'CNY', value: amountSum }]), value: amountSum };
      list.ext[1] = { ...list.ext[1], sumItems: JSON.stringify([{ currency: 'CNY', value: taxSum }]), value: taxSum };
    }
  }
  const total = byName('报销合计');
  if (total && claim.total === null) form.splice(form.indexOf(total), 1);
  else if (total && claim.total !== null) Object.assign(total, { value: num(claim.total), ext: { capitalValue: capitalYuan(fenOfValid(claim.total)) } });
  const files = Array.from({ length: claim.attachments }, (_, i) => `发票_${claim.rows[i]?.type ?? '附件'}_${i + 1}.pdf`);
  set('发票附件', {
    ext: files.join(','),
    value: files.map((_, i) => `https://internal-api-drive-stream.feishu.cn/space/api/box/stream/download/authcode/?code=${Buffer.from(`${claim.hex}${i}`).toString('base64url').slice(0, 16)}`),
  });
  d.form = stringifyLossless(form) as string;
  return { bodyText: JSON.stringify(body), instanceId, oaReference: serial };
}
