import { getMapping, listMappings, saveDraft } from '../../services/mappings';
import { actorOf } from '../actor';
import { procedure } from '../init';
import { MappingGetInput, MappingSaveDraftInput } from '../inputs';

export const mappingsRouter = {
  list: procedure.query(({ ctx }) => listMappings(ctx.db)),
  get: procedure.input(MappingGetInput).query(({ ctx, input }) => getMapping(ctx.db, input.name)),
  /** The editor's autosave: refused with CONFLICT when someone saved a newer revision since this one was loaded. */
  saveDraft: procedure.input(MappingSaveDraftInput).mutation(({ ctx, input }) => saveDraft(ctx.db, input, actorOf(ctx))),
};
