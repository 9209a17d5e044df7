import { getMapping, listMappings, saveDraft } from '../../services/mappings';
import { analystProcedure, viewerProcedure } from '../init';
import { MappingGetInput, MappingSaveDraftInput } from '../inputs';

export const mappingsRouter = {
  list: viewerProcedure.query(({ ctx }) => listMappings(ctx.db)),
  get: viewerProcedure.input(MappingGetInput).query(({ ctx, input }) => getMapping(ctx.db, input.name)),
  /** The editor's autosave: refused with CONFLICT when someone saved a newer revision since this one was loaded. */
  saveDraft: analystProcedure.input(MappingSaveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx.db, input)),
};
