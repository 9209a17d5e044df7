import type { Labels } from '../engine/form-record';
import { DIMENSIONS, type TargetCatalogue, type TargetField } from '../engine/voucher';

/**
 * What each ledger target can carry, as the studio's right-hand tree shows it. Field ids are the Voucher model's
 * (engine/voucher.ts); a catalogue lists only the fields its encoding writes, with that ledger's required rules.
 */

export const TARGET_FORMAT_IDS = ['kingdee-gl-voucher', 'u8-voucher-xml', 'journal-json', 'csv'] as const;
export type TargetFormat = (typeof TARGET_FORMAT_IDS)[number];

export const TARGET_FORMATS: ReadonlyArray<{ format: TargetFormat; label: Labels }> = [
  { format: 'kingdee-gl-voucher', label: { zh: '金蝶云星空 总账凭证', en: 'Kingdee K/3 Cloud GL voucher' } },
  { format: 'u8-voucher-xml', label: { zh: '用友 U8 凭证 (EAI XML)', en: 'Yonyou U8 voucher (EAI XML)' } },
  { format: 'journal-json', label: { zh: '通用记账凭证 JSON', en: 'Generic journal JSON' } },
  { format: 'csv', label: { zh: '凭证分录 CSV', en: 'Voucher lines CSV' } },
];

type Base = Omit<TargetField, 'required'>;

const t = (zh: string, en: string): Labels => ({ zh, en });

/** Shared definitions; each catalogue picks from these and sets `required` (and any format-specific override). */
const HEADER: Record<string, Base> = {
  book: { id: 'book', group: 'header', type: 'text', label: t('账簿', 'Account book'),
    description: t('记账的账簿编码。', 'Code of the account book the voucher is posted to.') },
  date: { id: 'date', group: 'header', type: 'date', label: t('凭证日期', 'Voucher date'),
    description: t('凭证的记账日期 (YYYY-MM-DD)。', 'Posting date of the voucher (YYYY-MM-DD).') },
  fiscalYear: { id: 'fiscalYear', group: 'header', type: 'number', label: t('会计年度', 'Fiscal year'),
    description: t('凭证所属会计年度，如 2025。', 'Fiscal year the voucher belongs to, e.g. 2025.') },
  period: { id: 'period', group: 'header', type: 'number', label: t('会计期间', 'Accounting period'),
    description: t('会计期间 (通常 1–12)，须为账簿当前可记账期间。', 'Accounting period (usually 1–12); must be open in the ledger.') },
  voucherWord: { id: 'voucherWord', group: 'header', type: 'text', label: t('凭证字', 'Voucher word'),
    description: t('凭证字/凭证类别，如 记、收、付、转。', 'Voucher word / type, e.g. 记 (general), 收, 付, 转.') },
  summary: { id: 'summary', group: 'header', type: 'text', label: t('凭证摘要', 'Voucher summary'), maxLength: 200,
    description: t('整张凭证的说明。', 'Narrative for the whole voucher.') },
  attachments: { id: 'attachments', group: 'header', type: 'number', label: t('附件数', 'Attachments'),
    description: t('所附原始单据张数。', 'Number of supporting documents attached.') },
  reference: { id: 'reference', group: 'header', type: 'text', label: t('参考单号', 'Reference'),
    description: t('来源单据号 (如审批单号)，用于对账与防重。', 'Source document number (e.g. the approval number), for reconciliation and de-duplication.') },
  preparer: { id: 'preparer', group: 'header', type: 'text', label: t('制单人', 'Preparer'),
    description: t('制单人姓名。', 'Name of the person who prepared the voucher.') },
};

const dim = (id: string, zh: string, en: string, zhD: string, enD: string): Base => ({
  id, group: 'line', type: 'text', label: t(zh, en), description: t(zhD, enD),
});

const LINE: Record<string, Base> = {
  summary: { id: 'summary', group: 'line', type: 'text', label: t('摘要', 'Explanation'), maxLength: 80,
    description: t('分录摘要。', 'Explanation of the entry line.') },
  account: { id: 'account', group: 'line', type: 'text', label: t('科目', 'Account'),
    description: t('会计科目编码，须为末级 (可记账) 科目。', 'Account code; must be a postable (leaf) account.') },
  debit: { id: 'debit', group: 'line', type: 'money', label: t('借方金额', 'Debit'),
    description: t('借方金额 (分录币种)，小数位不超过币种允许的位数；与贷方只能填一方。', 'Debit amount in the line’s currency, with no more decimals than the currency has; a line is debit or credit, not both.') },
  credit: { id: 'credit', group: 'line', type: 'money', label: t('贷方金额', 'Credit'),
    description: t('贷方金额 (分录币种)，小数位不超过币种允许的位数；与借方只能填一方。', 'Credit amount in the line’s currency, with no more decimals than the currency has; a line is debit or credit, not both.') },
  currency: { id: 'currency', group: 'line', type: 'text', label: t('币别', 'Currency'),
    description: t('分录币种的 ISO 代码 (如 CNY、USD)；为空时为本位币。金额按此币种填写。', 'ISO code of the line’s currency (e.g. CNY, USD); empty means the local currency. Amounts are in it.') },
  exchangeRateType: { id: 'exchangeRateType', group: 'line', type: 'text', label: t('汇率类型', 'Exchange-rate type'),
    description: t('汇率类型编码，如固定汇率。', 'Exchange-rate type code, e.g. the fixed rate.') },
  exchangeRate: { id: 'exchangeRate', group: 'line', type: 'number', label: t('汇率', 'Exchange rate'),
    description: t('汇率：1 单位分录币种折合多少本位币。本位币分录为 1 (或留空)；外币分录必填，本币金额 = 原币 × 汇率，四舍五入到分。', 'Exchange rate: local currency per unit of the line’s currency. 1 (or empty) on a local line; required on a foreign line, whose local amount is original × rate, rounded half up to the fen.') },
  department: dim('department', '部门', 'Department', '部门辅助核算编码。', 'Department (auxiliary accounting) code.'),
  employee: dim('employee', '职员', 'Employee', '职员/员工辅助核算编码。', 'Employee (auxiliary accounting) code.'),
  costCentre: dim('costCentre', '成本中心', 'Cost centre', '成本中心编码。', 'Cost-centre code.'),
  supplier: dim('supplier', '供应商', 'Supplier', '供应商辅助核算编码。', 'Supplier (auxiliary accounting) code.'),
  customer: dim('customer', '客户', 'Customer', '客户辅助核算编码。', 'Customer (auxiliary accounting) code.'),
  project: dim('project', '项目', 'Project', '项目辅助核算编码。', 'Project (auxiliary accounting) code.'),
  expenseItem: dim('expenseItem', '费用项目', 'Expense item', '费用项目辅助核算编码。', 'Expense item (auxiliary accounting) code.'),
  customDimension1: dim('customDimension1', '自定义核算维度 1', 'Custom dimension 1', '账簿自定义核算维度的编码。', 'Code of one of the ledger’s own accounting dimensions.'),
  customDimension2: dim('customDimension2', '自定义核算维度 2', 'Custom dimension 2', '账簿自定义核算维度的编码。', 'Code of one of the ledger’s own accounting dimensions.'),
  customDimension3: dim('customDimension3', '自定义核算维度 3', 'Custom dimension 3', '账簿自定义核算维度的编码。', 'Code of one of the ledger’s own accounting dimensions.'),
  customDimension4: dim('customDimension4', '自定义核算维度 4', 'Custom dimension 4', '账簿自定义核算维度的编码。', 'Code of one of the ledger’s own accounting dimensions.'),
};

type Spec = [id: string, required: boolean, override?: Partial<Base>];

function fields(group: Record<string, Base>, specs: Spec[]): TargetField[] {
  return specs.map(([id, required, override]) => Object.freeze({ ...group[id], ...override, required }));
}

function catalogue(format: TargetFormat, header: Spec[], line: Spec[]): TargetCatalogue {
  const label = TARGET_FORMATS.find((f) => f.format === format)!.label;
  return Object.freeze({
    format,
    label,
    kind: 'voucher' as const,
    // The one money scale of the ledger (local amounts to the fen); serialisers and the engine's checks read it here.
    moneyScale: 2,
    localCurrency: 'CNY',
    fields: Object.freeze([...fields(HEADER, header), ...fields(LINE, line)]) as TargetField[],
  });
}

/**
 * Always required: a voucher cannot post without date, period, and per line an explanation, account and amounts.
 * Fiscal year and period follow from the voucher date (demo company rule 2) unless the mapping links them.
 */
const CORE_HEADER: Spec[] = [
  ['date', true],
  ['fiscalYear', true, { fallback: { voucherDate: 'year' } }],
  ['period', true, { fallback: { voucherDate: 'month' } }],
];

const fromSetting = (setting: string): Partial<Base> => ({ fallback: { setting } });
/** Rate 1 on a line in the base currency; a foreign line still needs its rate from the mapping. */
const BASE_RATE: Partial<Base> = { fallback: { baseRate: true } };
// Debit and credit are not required one by one: a line maps one side and the other is zero; the voucher check
// then demands exactly one side above zero.
const CORE_LINE: Spec[] = [['summary', true], ['account', true], ['debit', false], ['credit', false]];

const viaSettings = (zh: string, en: string) =>
  t(`${zh} 未映射或为空时使用目标设置中的值；两者都没有时无法生成凭证。`, `${en} When unmapped or empty, the target settings’ value is used; one of the two is required.`);
const flexDim = (zh: string, en: string, flex: string) =>
  t(`${zh}，写入目标设置“核算维度对照”指定的维度字段 (默认 ${flex})。`, `${en}, written to the flex field the settings’ dimension map assigns (${flex} by default).`);
const customDim = (zh: string, en: string) =>
  t(`${zh}，须在目标设置“核算维度对照”中指定维度字段 (如 FF100001) 后才能写入。`, `${en}; needs a flex field (e.g. FF100001) in the settings’ dimension map.`);

/**
 * Kingdee GL_VOUCHER: book and voucher group come from the mapping or, when it leaves them empty, the target
 * settings (options.ts); the pipeline reports a spec where neither gives them. Currency is an ISO code translated
 * through the settings' currency map; every dimension goes to the flex field the settings' dimension map names.
 */
const KINGDEE = catalogue(
  'kingdee-gl-voucher',
  [
    ['book', false, { ...fromSetting('accountBook'), description: viaSettings('账簿编码 (FAccountBookID)，如 001。', 'Account book number (FAccountBookID), e.g. 001.') }],
    ...CORE_HEADER,
    ['voucherWord', false, { ...fromSetting('voucherGroup'), description: viaSettings('凭证字编码 (FVOUCHERGROUPID)，如 PRE001 (记)。', 'Voucher group number (FVOUCHERGROUPID), e.g. PRE001 (记).') }],
    ['attachments', false],
  ],
  [
    ...CORE_LINE,
    ['currency', true, { ...fromSetting('localCurrency'), description: t('分录币种的 ISO 代码 (如 CNY、USD)，按目标设置的币别对照写成金蝶币别编码 (FCURRENCYID)。', 'ISO code of the line’s currency (e.g. CNY, USD), written as the Kingdee currency number (FCURRENCYID) from the settings’ currency map.') }],
    ['exchangeRateType', false, { ...fromSetting('exchangeRateType'), description: t('汇率类型 (FEXCHANGERATETYPE)；为空时用目标设置中的汇率类型 (默认 HLTX01_SYS 固定汇率)。', 'Rate type (FEXCHANGERATETYPE); when empty, the settings’ rate type (HLTX01_SYS, the fixed rate, by default).') }],
    ['exchangeRate', false, BASE_RATE],
    ['department', false, { description: flexDim('部门', 'Department', 'FFLEX5') }],
    ['employee', false, { description: flexDim('员工', 'Employee', 'FFLEX7') }],
    ['supplier', false, { description: flexDim('供应商', 'Supplier', 'FFLEX4') }],
    ['customer', false, { description: flexDim('客户', 'Customer', 'FFLEX6') }],
    ['project', false, { description: customDim('项目', 'Project') }],
    ['expenseItem', false, { description: customDim('费用项目', 'Expense item') }],
    ['customDimension1', false, { description: customDim('自定义核算维度 1', 'Custom dimension 1') }],
    ['customDimension2', false, { description: customDim('自定义核算维度 2', 'Custom dimension 2') }],
    ['customDimension3', false, { description: customDim('自定义核算维度 3', 'Custom dimension 3') }],
    ['customDimension4', false, { description: customDim('自定义核算维度 4', 'Custom dimension 4') }],
  ],
);

/**
 * U8 EAI: 凭证类别 and 制单人 come from the mapping or, when it leaves them empty, the target settings (the pipeline
 * reports a spec where neither gives a preparer). Foreign lines carry currency, rate and original amounts.
 */
const U8 = catalogue(
  'u8-voucher-xml',
  [
    ...CORE_HEADER,
    ['voucherWord', false, { ...fromSetting('voucherType'), label: t('凭证类别', 'Voucher type'),
      description: t('U8 凭证类别字，如 记、收、付、转；为空时用目标设置中的凭证类别 (默认 记)。', 'U8 voucher type word, e.g. 记, 收, 付, 转; when empty, the settings’ voucher type (记 by default).') }],
    ['attachments', false],
    ['reference', false, { description: t('OA 单号：写入 voucher id 属性 (U8 回执原样返回) 和来源键 reserve2，重发时可据此识别已生成的凭证。', 'The OA reference: written to the voucher id attribute (U8 echoes it) and the source key reserve2, so a re-send is recognised.') }],
    ['preparer', false, { ...fromSetting('preparer'), description: viaSettings('制单人 (enter)，须为 U8 操作员姓名。', 'Preparer (enter), a U8 operator name.') }],
  ],
  [
    ['summary', true, { maxLength: 80, description: t('摘要 (abstract)，最多 80 个字符。', 'Abstract, at most 80 characters.') }],
    ['account', true, { description: t('U8 科目编码 (不带分隔符，如 660102)。', 'U8 account code (no separators, e.g. 660102).') }],
    ['debit', false],
    ['credit', false],
    ['currency', false, fromSetting('localCurrency')],
    ['exchangeRate', false, BASE_RATE],
    ['department', false, { description: t('部门编码 (dept_id)。', 'U8 department code (dept_id).') }],
    ['employee', false, { description: t('人员编码 (personnel_id)。', 'U8 person code (personnel_id).') }],
    ['supplier', false, { description: t('供应商编码 (supplier_id)。', 'U8 supplier code (supplier_id).') }],
    ['customer', false, { description: t('客户编码 (cust_id)。', 'U8 customer code (cust_id).') }],
    ['project', false, { description: t('项目编码 (item_id)。', 'U8 project code (item_id).') }],
  ],
);

const ALL_DIMS: Spec[] = DIMENSIONS.map((d): Spec => [d, false]);

const JOURNAL = catalogue(
  'journal-json',
  [['book', false], ...CORE_HEADER, ['voucherWord', false], ['summary', false], ['attachments', false],
    ['reference', false], ['preparer', false]],
  [...CORE_LINE, ['currency', false], ['exchangeRate', false], ...ALL_DIMS],
);

const CSV = catalogue(
  'csv',
  [...CORE_HEADER, ['voucherWord', false], ['reference', false]],
  [...CORE_LINE, ['currency', false], ['exchangeRate', false], ...ALL_DIMS],
);

export const CATALOGUES: Readonly<Record<TargetFormat, TargetCatalogue>> = Object.freeze({
  'kingdee-gl-voucher': KINGDEE,
  'u8-voucher-xml': U8,
  'journal-json': JOURNAL,
  csv: CSV,
});

export function isTargetFormat(format: string): format is TargetFormat {
  return (TARGET_FORMAT_IDS as readonly string[]).includes(format);
}

export function getCatalogue(format: TargetFormat): TargetCatalogue;
export function getCatalogue(format: string): TargetCatalogue | undefined;
export function getCatalogue(format: string): TargetCatalogue | undefined {
  return isTargetFormat(format) ? CATALOGUES[format] : undefined;
}
