import { previewDraft } from '../../services/preview-draft';
import { previewVoucher } from '../../services/preview-voucher';
import { analystProcedure } from '../init';
import { PreviewRunInput, PreviewRunSpecInput } from '../inputs';

export const previewRouter = {
  /**
   * A mutation although it changes nothing: a pasted payload may be up to 5 MB, far beyond what a GET query
   * string carries.
   */
  run: analystProcedure.input(PreviewRunInput).mutation(({ ctx, input }) => previewVoucher(ctx.db, input)),
  /** The editor's live preview of an unsaved draft spec; stores nothing. */
  runSpec: analystProcedure.input(PreviewRunSpecInput).mutation(({ ctx, input }) => previewDraft(ctx.db, input)),
};
