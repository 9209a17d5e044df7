import Decimal from 'decimal.js';
import type { Dimension, EntryLine, Voucher } from '../engine/voucher';

/**
 * The demo company's travel-reimbursement voucher (张伟, Beijing trade fair) as the engine produces it for each
 * ledger: Kingdee codes (6601.02, BM003, EMP0086) and U8 codes (660102, 03, 0086). Used by tests and previews.
 * Dr 销售费用-差旅费 1174.31 + 1000.00 + 151.46, Dr 进项税额 170.23 / Cr 其他应付款 2496.00.
 */

function line(
  summary: string,
  account: string,
  debit: string,
  credit: string,
  dimensions: Partial<Record<Dimension, string>>,
  currency: string | null = null,
  exchangeRateType: string | null = null,
): EntryLine {
  return {
    summary,
    account,
    debit: new Decimal(debit),
    credit: new Decimal(credit),
    currency,
    exchangeRateType,
    exchangeRate: null,
    dimensions,
  };
}

export function demoKingdeeVoucher(): Voucher {
  const k = (summary: string, account: string, debit: string, credit: string, dims: Partial<Record<Dimension, string>>) =>
    line(summary, account, debit, credit, dims, 'PRE001', 'HLTX01_SYS');
  return {
    header: {
      book: '001',
      date: '2025-03-15',
      fiscalYear: 2025,
      period: 3,
      voucherWord: 'PRE001',
      summary: null,
      attachments: 3,
      reference: 'DD-202503140912000286417',
      preparer: null,
    },
    lines: [
      k('报销张伟北京展会差旅费-机票', '6601.02', '1174.31', '0', { department: 'BM003' }),
      k('报销张伟北京展会差旅费-住宿费', '6601.02', '1000.00', '0', { department: 'BM003' }),
      k('报销张伟北京展会差旅费-市内交通', '6601.02', '151.46', '0', { department: 'BM003' }),
      k('报销张伟北京展会差旅费-进项税额', '2221.01.01', '170.23', '0', {}),
      k('应付张伟差旅费报销款 DD-202503140912000286417', '2241', '0', '2496.00', { employee: 'EMP0086' }),
    ],
  };
}

export function demoU8Voucher(): Voucher {
  return {
    header: {
      book: null,
      date: '2025-03-15',
      fiscalYear: 2025,
      period: 3,
      voucherWord: '记',
      summary: null,
      attachments: 3,
      reference: 'DD-202503140912000286417',
      preparer: '王芳',
    },
    lines: [
      line('报销张伟北京展会差旅费-机票', '660102', '1174.31', '0', { department: '03' }),
      line('报销张伟北京展会差旅费-住宿费', '660102', '1000.00', '0', { department: '03' }),
      line('报销张伟北京展会差旅费-市内交通', '660102', '151.46', '0', { department: '03' }),
      line('报销张伟北京展会差旅费-进项税额', '22210101', '170.23', '0', {}),
      // The payable line carries the claimant's home department as well as the person, as U8 requires.
      line('应付张伟差旅费报销款', '2241', '0', '2496.00', { department: '03', employee: '0086' }),
    ],
  };
}
