import { getMapping, listMappings } from '../../services/mappings';
import { viewerProcedure } from '../init';
import { MappingGetInput } from '../inputs';

export const mappingsRouter = {
  list: viewerProcedure.query(({ ctx }) => listMappings(ctx.db)),
  get: viewerProcedure.input(MappingGetInput).query(({ ctx, input }) => getMapping(ctx.db, input.name)),
};
