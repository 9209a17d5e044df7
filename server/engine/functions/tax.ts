import { z } from 'zod';
import { fault, isFault } from '../values';
import type { FunctionDef } from './types';
import { L, ROUNDING_MODES, decimals, divideRounded, exact, multi, noParams, plain, port, result, roundingModeParam, scalar } from './shared';

const gross = port('gross', 'money', L('含税金额', 'Amount incl. tax'));

export const TAX_FUNCTIONS: FunctionDef<any>[] = [
  multi({
    id: 'tax.split',
    category: 'tax',
    label: L('价税分离', 'Split VAT'),
    description: L(
      '把含税金额拆成税额和不含税金额：税额 = 含税金额 × 税率 ÷ (1 + 税率)，不含税金额 = 含税金额 − 税额',
      'Splits an amount including VAT into tax = gross × rate ÷ (1 + rate) and net = gross − tax',
    ),
    params: [
      { name: 'places', kind: 'integer', label: L('税额小数位数', 'Tax decimals'), min: 0, max: 10 },
      roundingModeParam(),
    ],
    paramsSchema: z.object({ places: z.number().int().min(0).max(10).default(2), mode: z.enum(ROUNDING_MODES).default('half-up') }),
    inputs: () => [gross, port('rate', 'number', L('税率', 'Tax rate'))],
    outputs: () => [port('tax', 'money', L('税额', 'Tax')), port('net', 'money', L('不含税金额', 'Net amount'))],
    build: (p) => (args) => {
      const ds = decimals(args);
      if (isFault(ds)) return [ds, ds];
      const [g, rate] = ds;
      // A rate is a fraction (9% → 0.09). "9" almost certainly means 9%, and would book 90% of the claim as tax.
      if (rate.isNegative() || rate.gte(1)) {
        const f = fault('bad_rate', `tax rate ${rate.toFixed()} must be a fraction between 0 and 1 (9% is 0.09)`, rate.toFixed());
        return [f, f];
      }
      // The tax is rounded once; net is the remainder, so tax + net always equals the gross to the cent.
      const tax = divideRounded(exact(g).times(rate), exact(rate).plus(1), p.places, p.mode);
      return [tax, plain(exact(g).minus(tax))];
    },
  }),
  scalar({
    id: 'tax.net',
    category: 'tax',
    label: L('不含税金额', 'Net of tax'),
    description: L('含税金额减去税额（如发票上的税额）', 'Amount including tax minus the tax (e.g. the tax printed on the invoice)'),
    params: [],
    paramsSchema: noParams,
    inputs: () => [gross, port('tax', 'money', L('税额', 'Tax'))],
    outputs: () => result('money'),
    build: () => (args) => {
      const ds = decimals(args);
      return isFault(ds) ? ds : plain(exact(ds[0]).minus(ds[1]));
    },
  }),
];
