import { TARGET_FORMATS } from '../../ledgers';
import { viewerProcedure } from '../init';

export const cataloguesRouter = {
  /** The ledger formats a mapping can target, with their names in both languages. */
  targetFormats: viewerProcedure.query(() => TARGET_FORMATS.map((f) => ({ format: f.format, label: f.label }))),
};
