import { previewVoucher } from '../../services/preview-voucher';
import { procedure } from '../init';
import { PreviewRunInput } from '../inputs';

export const previewRouter = {
  /**
   * A mutation although it changes nothing: a pasted payload may be up to 5 MB, far beyond what a GET query
   * string carries.
   */
  run: procedure.input(PreviewRunInput).mutation(({ ctx, input }) => previewVoucher(ctx.db, input)),
};
