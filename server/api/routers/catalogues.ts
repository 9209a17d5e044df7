import { getCatalogue, TARGET_FORMATS } from '../../ledgers';
import { NotFoundError } from '../../services/errors';
import { functionPalette } from '../../services/function-palette';
import { procedure } from '../init';
import { CatalogueTargetInput } from '../inputs';

export const cataloguesRouter = {
  /** The ledger formats a mapping can target, with their names in both languages. */
  targetFormats: procedure.query(() => TARGET_FORMATS.map((f) => ({ format: f.format, label: f.label }))),
  /** The editor's function palette: every engine function with its labels, explanation, parameters and ports. */
  functions: procedure.query(() => functionPalette()),
  /** The voucher fields of one ledger format: the editor's right-hand tree. */
  target: procedure.input(CatalogueTargetInput).query(({ input }) => {
    const catalogue = getCatalogue(input.format);
    if (!catalogue) throw new NotFoundError(`no target format "${input.format}"`);
    return { format: catalogue.format, label: catalogue.label, kind: catalogue.kind, moneyScale: catalogue.moneyScale, fields: [...catalogue.fields] };
  }),
};
