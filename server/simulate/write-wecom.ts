/**
 * A simulated claim as WeCom's getapprovaldetail returns it (POST /cgi-bin/oa/getapprovaldetail): controls with
 * bilingual titles, money as `new_money` text, dates and approval times as epoch seconds, and sp_no both the
 * instance's identity and its reference.
 */
import type { ClaimModel } from './claim-model';
import type { DemoCompany } from './demo-company';
import { chinaStamp, clone, type WrittenClaim } from './write-common';

type Control = { control: string; id: string; title: { text: string; lang: string }[]; value: any };

const seconds = (ms: number) => Math.floor(ms / 1000);
/** A China-time calendar date as WeCom's day-type Date control stores it: that midnight, epoch seconds, as text. */
const dayStamp = (date: string) => String(seconds(Date.parse(`${date}T00:00:00+08:00`)));
const titleOf = (c: Control) => c.title.find((t) => t.lang === 'zh_CN')?.text ?? '';
const option = (key: string, zh: string) => ({ selector: { type: 'single', options: [{ key, value: [{ text: zh, lang: 'zh_CN' }] }] } });

export function writeWecom(claim: ClaimModel, company: DemoCompany): WrittenClaim {
  const body = clone(company.samples.wecom) as { info: Record<string, any> };
  const info = body.info;
  // The day and a running number. WeCom's sp_no is the instance's identity, so it gets six digits: claims of
  // different simulator runs on the same day must not meet.
  const spNo = `${chinaStamp(claim.submittedAtMs).slice(0, 8)}${String(claim.serial % 1_000_000).padStart(6, '0')}`;
  const claimant = claim.claimant;

  info.sp_no = spNo;
  info.sp_status = 2;
  info.apply_time = seconds(claim.submittedAtMs);
  info.applyer = { userid: claimant.wecomUserId, partyid: claim.home.wecomPartyId };
  const approvals = [seconds(claim.firstApprovalAtMs), seconds(claim.finishedAtMs)];
  (info.sp_record as { details: { sptime: number }[] }[]).forEach((record, i) => {
    for (const detail of record.details) detail.sptime = approvals[Math.min(i, 1)];
  });
  // The finish time is the latest sptime among approval nodes (node_type 1); the CC node is notified at finish.
  let approvalNode = 0;
  for (const node of info.process_list.node_list as { node_type: number; sub_node_list: { sptime: number }[] }[]) {
    const at = node.node_type === 1 ? approvals[Math.min(approvalNode++, 1)] : approvals[1];
    for (const sub of node.sub_node_list) sub.sptime = at;
  }

  const contents = info.apply_data.contents as Control[];
  const byTitle = (zh: string) => contents.find((c) => titleOf(c) === zh);
  const setValue = (zh: string, value: unknown) => {
    const c = byTitle(zh);
    if (c) c.value = value;
  };
  const reason = byTitle('报销事由');
  if (reason) reason.value = { ...reason.value, text: claim.reason };
  const bearerId = claim.unknownDepartment ?? claim.bearer.wecomPartyId;
  setValue('费用承担部门', { departments: [{ openapi_id: bearerId, name: claim.unknownDepartment ? '海外事业部' : claim.bearer.name }] });
  setValue('报销人', { members: [{ userid: claimant.wecomUserId, name: claimant.name }] });
  setValue('成本中心', option(`option-${claim.bearer.code}`, `${claim.bearer.costCentre} ${claim.bearer.name}`));
  setValue('出差开始日期', { date: { type: 'day', s_timestamp: dayStamp(claim.tripStart) } });
  setValue('出差结束日期', { date: { type: 'day', s_timestamp: dayStamp(claim.tripEnd) } });

  const table = contents.find((c) => c.control === 'Table');
  if (table) {
    const template = (table.value.children as { list: Control[] }[])[0];
    table.value.children = claim.rows.map((row, i) => ({
      list: template.list.map((cell) => {
        switch (titleOf(cell)) {
          case '费用类型':
            return { ...cell, value: option(`option-${claim.serial}-${i}`, row.type) };
          case '发生日期':
            return { ...cell, value: { date: { type: 'day', s_timestamp: dayStamp(row.date) } } };
          case '费用说明':
            return { ...cell, value: { text: row.description } };
          case '金额（元）':
            return { ...cell, value: { new_money: row.amount ?? '' } };
          case '税额（元）':
            return { ...cell, value: { new_money: row.tax ?? '' } };
          default:
            return cell;
        }
      }),
    }));
  }
  const total = byTitle('报销总额（元）');
  if (total && claim.total === null) contents.splice(contents.indexOf(total), 1);
  else if (total && claim.total !== null) total.value = { new_money: claim.total };
  setValue('发票及行程单', {
    files: Array.from({ length: claim.attachments }, (_, i) => ({ file_id: `WWCISP_${Buffer.from(`${claim.hex}:${i}`).toString('base64url')}` })),
  });
  return { bodyText: JSON.stringify(body), instanceId: spNo, oaReference: spNo };
}
