import type { Labels } from '../engine/form-record';
import { DIMENSIONS, type Dimension } from '../engine/voucher';
import type { TargetFormat } from './catalogues';
import { DEFAULT_KINGDEE_DIMENSION_MAP } from './options-schemas';

/**
 * What the studio's target-settings panel renders for each ledger setting: its key in `target.options`, the kind of
 * editor, whether it is required, its default, and zh-CN/en label and description. The schemas in
 * options-schemas.ts decide what is valid; this list only describes the settings for people.
 */
export type TargetOptionKind =
  /** free text (a code or a name) */
  | 'text'
  | 'boolean'
  /** one of `choices` */
  | 'choice'
  /** an ISO 4217 currency code */
  | 'currency'
  /** ISO code → the ledger's own currency number or name */
  | 'currencyMap'
  /** voucher dimension → `{ field, formId }` (Kingdee) */
  | 'dimensionMap';

export interface TargetOptionSetting {
  key: string;
  kind: TargetOptionKind;
  required: boolean;
  /** The value used when the setting is absent (JSON, as the schema fills it in); absent when there is none. */
  default?: unknown;
  choices?: readonly (string | number)[];
  /** For `dimensionMap`: the voucher dimensions that can be mapped, and the usual base-data forms to offer. */
  dimensions?: readonly Dimension[];
  formIds?: ReadonlyArray<{ formId: string; label: Labels }>;
  label: Labels;
  description: Labels;
}

const t = (zh: string, en: string): Labels => ({ zh, en });

/** Common Kingdee base-data forms behind 核算维度; a tenant's custom dimension may use any other form id. */
const KINGDEE_FORM_IDS: ReadonlyArray<{ formId: string; label: Labels }> = [
  { formId: 'BD_Department', label: t('部门', 'Department') },
  { formId: 'BD_Empinfo', label: t('员工', 'Employee') },
  { formId: 'BD_Supplier', label: t('供应商', 'Supplier') },
  { formId: 'BD_Customer', label: t('客户', 'Customer') },
  { formId: 'BD_Expense', label: t('费用项目', 'Expense item') },
  { formId: 'BOS_ASSISTANTDATA_DETAIL', label: t('辅助资料', 'Assistant data') },
  { formId: 'BD_Project', label: t('项目', 'Project') },
  { formId: 'BD_MATERIAL', label: t('物料', 'Material') },
  { formId: 'ORG_Organizations', label: t('组织机构', 'Organisation') },
];

const KINGDEE: readonly TargetOptionSetting[] = [
  {
    key: 'accountBook', kind: 'text', required: false, default: '001',
    label: t('账簿', 'Account book'),
    description: t(
      '账簿编码 (FAccountBookID)，默认 001 (金蝶的第一个账簿)。映射了凭证头“账簿”时以映射的值为准，映射为空或未映射时用此设置。',
      'Account book number (FAccountBookID), 001 (Kingdee’s first book) by default. A mapped header “Account book” wins; this setting is used when the mapping leaves it unmapped or empty.',
    ),
  },
  {
    key: 'voucherGroup', kind: 'text', required: false, default: 'PRE001',
    label: t('凭证字', 'Voucher group'),
    description: t(
      '凭证字编码 (FVOUCHERGROUPID)，默认 PRE001 (记)。映射了凭证头“凭证字”时以映射的值为准，否则用此设置。',
      'Voucher group number (FVOUCHERGROUPID), PRE001 (记) by default. A mapped header “Voucher word” wins; otherwise this setting is used.',
    ),
  },
  {
    key: 'localCurrency', kind: 'currency', required: false, default: 'CNY',
    label: t('本位币', 'Local currency'),
    description: t(
      '账簿的本位币 (ISO 代码)。本位币分录汇率为 1；外币分录按汇率折算为本位币，借贷平衡按本位币检查。',
      'The account book’s base currency (ISO code). Lines in it have rate 1; foreign lines are converted into it, and debits must equal credits in it.',
    ),
  },
  {
    key: 'currencyMap', kind: 'currencyMap', required: false, default: { CNY: 'PRE001' },
    label: t('币别对照', 'Currency numbers'),
    description: t(
      'ISO 币种代码对应金蝶币别编码 (FCURRENCYID)，如 CNY → PRE001、USD → PRE007。分录币种不在表中时拒绝生成凭证；本位币必须在表中。',
      'ISO currency code → Kingdee currency number (FCURRENCYID), e.g. CNY → PRE001, USD → PRE007. A line in a currency not listed is refused; the local currency must be listed.',
    ),
  },
  {
    key: 'exchangeRateType', kind: 'text', required: false, default: 'HLTX01_SYS',
    label: t('汇率类型', 'Exchange-rate type'),
    description: t(
      '分录未映射汇率类型时使用的 FEXCHANGERATETYPE 编码；HLTX01_SYS 为固定汇率。',
      'FEXCHANGERATETYPE number for lines that do not map one; HLTX01_SYS is the fixed rate.',
    ),
  },
  {
    key: 'isVerifyBaseDataField', kind: 'boolean', required: false, default: true,
    label: t('校验基础资料', 'Verify base data'),
    description: t(
      '金蝶保存时校验基础资料编码 (IsVerifyBaseDataField)。开启时错误的核算维度编码会被金蝶拒绝，关闭时金蝶会静默丢弃它。',
      'Kingdee checks base-data numbers on save (IsVerifyBaseDataField). On, a wrong dimension number is refused; off, Kingdee silently drops it.',
    ),
  },
  {
    key: 'dimensionMap', kind: 'dimensionMap', required: false, default: DEFAULT_KINGDEE_DIMENSION_MAP,
    dimensions: DIMENSIONS, formIds: KINGDEE_FORM_IDS,
    label: t('核算维度对照', 'Dimension fields'),
    description: t(
      '每个核算维度写入的金蝶维度字段 (FFLEX4–FFLEX13 或自定义 FF1000xx) 及其基础资料表单 (如 BD_Department、费用项目)。分录带有未在此表中的维度时拒绝生成凭证。',
      'The Kingdee flex field (FFLEX4–FFLEX13 or a custom FF1000xx) and base-data form (e.g. BD_Department, expense items) each dimension is written to. A line carrying a dimension not listed is refused.',
    ),
  },
];

const U8: readonly TargetOptionSetting[] = [
  {
    key: 'sender', kind: 'text', required: true,
    label: t('发送方 (sender)', 'Sender'),
    description: t(
      '在 U8 EAI 中为本系统注册的外部系统编码 (ufinterface 的 sender)，由账套管理员提供；必填。',
      'The external-system code registered for Ledgerlink in U8 EAI (ufinterface sender), given by the account set’s administrator. Required.',
    ),
  },
  {
    key: 'receiver', kind: 'text', required: false, default: 'u8',
    label: t('接收方 (receiver)', 'Receiver'),
    description: t('EAI 接收方 (ufinterface 的 receiver)。', 'The EAI receiver (ufinterface receiver).'),
  },
  {
    key: 'preparer', kind: 'text', required: false,
    label: t('制单人', 'Preparer'),
    description: t(
      '制单人 (enter)，须为 U8 操作员姓名。映射了凭证头“制单人”时以映射的值为准，映射为空或未映射时用此设置；两者必须有一个。',
      'Preparer (enter), a U8 operator name. A mapped header “Preparer” wins; this setting is used when the mapping leaves it unmapped or empty. One of the two is required.',
    ),
  },
  {
    key: 'voucherType', kind: 'text', required: false, default: '记',
    label: t('凭证类别', 'Voucher type'),
    description: t(
      '凭证类别字 (voucher_type)，如 记、收、付、转。映射了凭证头“凭证类别”时以映射的值为准，否则用此设置。',
      'Voucher type word (voucher_type), e.g. 记, 收, 付, 转. A mapped header “Voucher type” wins; otherwise this setting is used.',
    ),
  },
  {
    key: 'localCurrency', kind: 'currency', required: false, default: 'CNY',
    label: t('本位币', 'Local currency'),
    description: t(
      '账套本位币 (ISO 代码)。本位币分录只写本币金额；外币分录写币种、汇率、原币和本币金额。',
      'The account set’s base currency (ISO code). Lines in it carry only local amounts; foreign lines carry currency, rate, original and local amounts.',
    ),
  },
  {
    key: 'currencyMap', kind: 'currencyMap', required: false, default: {},
    label: t('币种名称对照', 'Currency names'),
    description: t(
      'ISO 币种代码对应 U8 币种档案中的币种 (如 USD → 美元)；未列出的币种按 ISO 代码写入。',
      'ISO currency code → the currency as U8’s currency list names it (e.g. USD → 美元); a code not listed is written as it is.',
    ),
  },
  {
    key: 'company', kind: 'text', required: false,
    label: t('公司', 'Company'),
    description: t('voucher_head/company；为空时 U8 按账套填写 (通常留空)。', 'voucher_head/company; U8 fills it from the account set when empty (the usual case).'),
  },
  {
    key: 'projectClass', kind: 'text', required: false,
    label: t('项目大类', 'Project class'),
    description: t('项目大类编码 (item_class)，分录带项目时与 item_id 一同写入。', 'Project class (item_class), written beside item_id when a line carries a project.'),
  },
];

const JOURNAL: readonly TargetOptionSetting[] = [
  {
    key: 'indent', kind: 'choice', required: false, default: 2, choices: [2, 4],
    label: t('缩进', 'Indent'),
    description: t('JSON 缩进空格数。', 'Spaces per indent level in the JSON.'),
  },
  {
    key: 'localCurrency', kind: 'currency', required: false, default: 'CNY',
    label: t('本位币', 'Local currency'),
    description: t('接收方账簿的本位币 (ISO 代码)；外币分录按汇率折算，本币金额与合计以它计。', 'The receiving ledger’s base currency (ISO code); foreign lines are converted at their rate, and local amounts and totals are in it.'),
  },
];

const CSV: readonly TargetOptionSetting[] = [
  {
    key: 'bom', kind: 'boolean', required: false, default: true,
    label: t('UTF-8 BOM', 'UTF-8 BOM'),
    description: t('文件开头写入 UTF-8 BOM，Excel 需要它才能正确显示中文。', 'Start the file with a UTF-8 byte-order mark; Excel needs it to show Chinese text correctly.'),
  },
  {
    key: 'localCurrency', kind: 'currency', required: false, default: 'CNY',
    label: t('本位币', 'Local currency'),
    description: t('接收方账簿的本位币 (ISO 代码)；本币金额列以它计，外币分录按汇率折算。', 'The receiving ledger’s base currency (ISO code); the local amount columns are in it, foreign lines converted at their rate.'),
  },
];

export const TARGET_OPTION_SETTINGS: { readonly [F in TargetFormat]: readonly TargetOptionSetting[] } = Object.freeze({
  'kingdee-gl-voucher': KINGDEE,
  'u8-voucher-xml': U8,
  'journal-json': JOURNAL,
  csv: CSV,
});
