/**
 * A simulated claim as DingTalk's v1.0 workflow API returns the instance (GET /v1.0/workflow/processInstances),
 * built on the demo's sample so every field the demo mapping reads sits where DingTalk puts it: the detail table
 * and attachments as JSON text inside the form, money as text, times in UTC to the minute.
 */
import type { ClaimModel } from './claim-model';
import type { DemoCompany } from './demo-company';
import { capitalYuan } from './money';
import type { WrittenClaim } from './write-common';
import { chinaStamp, clone, fenOfValid } from './write-common';

type Component = { componentType: string; id: string; name: string; value: string; extValue: string | null };
type Cell = { componentType: string; label: string; value: string; key: string; extendValue?: unknown };

const dingTime = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

export function writeDingtalk(claim: ClaimModel, company: DemoCompany): WrittenClaim {
  const body = clone(company.samples.dingtalk) as { result: Record<string, any> };
  const r = body.result;
  const submitSeconds = Math.floor(claim.submittedAtMs / 1000);
  const instanceId = `${claim.entropy}${String(claim.serial % 10000).padStart(4, '0')}${submitSeconds}`;
  // businessId: the submit minute (China time) and a running number, as DingTalk numbers instances.
  const businessId = `${chinaStamp(claim.submittedAtMs).slice(0, 12)}${String(claim.serial).padStart(9, '0')}`;
  const claimant = claim.claimant;
  const [headUser, financeUser] = (r.approverUserIds as string[]) ?? [];

  r.title = `${claimant.name}提交的差旅费报销`;
  r.createTime = dingTime(claim.submittedAtMs);
  r.finishTime = dingTime(claim.finishedAtMs);
  r.originatorUserId = claimant.dingtalkUserId;
  r.originatorDeptId = claim.home.dingtalkId;
  r.originatorDeptName = claim.home.name;
  r.status = 'COMPLETED';
  r.result = 'agree';
  r.businessId = businessId;
  r.operationRecords = [
    { userId: claimant.dingtalkUserId, date: dingTime(claim.submittedAtMs), type: 'START_PROCESS_INSTANCE', result: 'NONE', showName: '发起人' },
    { userId: headUser, date: dingTime(claim.firstApprovalAtMs), type: 'EXECUTE_TASK_NORMAL', result: 'AGREE', remark: '同意', activityId: 'b39a_73fb', showName: '部门负责人' },
    { userId: financeUser, date: dingTime(claim.finishedAtMs), type: 'EXECUTE_TASK_NORMAL', result: 'AGREE', remark: '票据齐全，同意报销', activityId: 'c51e_9a0d', showName: '财务审核' },
  ];
  const taskUrl = (taskId: number) => `aflow.dingtalk.com?procInsId=${instanceId}&taskId=${taskId}&businessId=${businessId}`;
  const firstTask = 80_000_000_000 + claim.serial * 2;
  r.tasks = [
    [headUser, claim.submittedAtMs, claim.firstApprovalAtMs, 'b39a_73fb'],
    [financeUser, claim.firstApprovalAtMs, claim.finishedAtMs, 'c51e_9a0d'],
  ].map(([userId, from, to, activityId], i) => ({
    taskId: firstTask + i,
    userId,
    status: 'COMPLETED',
    result: 'AGREE',
    createTime: dingTime(from as number),
    finishTime: dingTime(to as number),
    mobileUrl: taskUrl(firstTask + i),
    pcUrl: taskUrl(firstTask + i),
    processInstanceId: instanceId,
    activityId,
  }));

  const fields = r.formComponentValues as Component[];
  const byName = (name: string) => fields.find((f) => f.name === name);
  const set = (name: string, value: string, extValue?: string | null) => {
    const f = byName(name);
    if (!f) return;
    f.value = value;
    if (extValue !== undefined) f.extValue = extValue;
  };
  set('报销事由', claim.reason);
  set('费用承担部门', claim.unknownDepartment ?? claim.bearer.name);
  set('报销人', claimant.name, JSON.stringify([{ emplId: claimant.dingtalkUserId, name: claimant.name, selectDeptName: '', avatar: '', selectDeptId: '' }]));
  set('成本中心', `${claim.bearer.costCentre} ${claim.bearer.name}`, JSON.stringify({ label: `${claim.bearer.costCentre} ${claim.bearer.name}`, key: 'option_1' }));
  set('出差开始日期', claim.tripStart);
  set('出差结束日期', claim.tripEnd);

  const table = fields.find((f) => f.componentType === 'TableField');
  if (table) {
    const template = (JSON.parse(table.value) as { rowValue: Cell[]; rowNumber: string }[])[0];
    const rows = claim.rows.map((row, i) => ({
      rowValue: template.rowValue.map((cell) => {
        switch (cell.label) {
          case '费用类型':
            return { ...cell, value: row.type, extendValue: { label: row.type, key: `option_${i}` } };
          case '发生日期':
            return { ...cell, value: row.date };
          case '费用说明':
            return { ...cell, value: row.description };
          case '金额（元）':
            return { ...cell, value: row.amount ?? 'null' };
          case '税额（元）':
            // DingTalk writes an empty money cell as the text "null".
            return { ...cell, value: row.tax ?? 'null' };
          default:
            return cell;
        }
      }),
      rowNumber: `${table.id}_${claim.hex.slice(i, i + 13).toUpperCase()}`,
    }));
    table.value = JSON.stringify(rows);
  }
  const total = byName('报销总额（元）');
  if (total && claim.total === null) fields.splice(fields.indexOf(total), 1);
  else if (total && claim.total !== null) {
    total.value = claim.total;
    total.extValue = JSON.stringify({ upper: capitalYuan(fenOfValid(claim.total)), componentName: 'MoneyField' });
  }
  const files = Array.from({ length: claim.attachments }, (_, i) => ({
    spaceId: '163501295',
    fileName: `发票_${claim.rows[i]?.type ?? '附件'}_${i + 1}.pdf`,
    fileSize: 60_000 + ((claim.serial * 7919 + i * 104_729) % 140_000),
    fileType: 'pdf',
    fileId: String(152_800_000_000 + claim.serial * 10 + i),
  }));
  set('发票及行程单', JSON.stringify(files));
  return { bodyText: JSON.stringify(body), instanceId, oaReference: businessId };
}
