import { createMapping, deleteMapping, duplicateMapping } from '../../services/mapping-lifecycle';
import { procedure } from '../init';
import { MappingCreateInput, MappingDeleteInput, MappingDuplicateInput } from '../mapping-inputs';

/** Creating, copying and removing mappings; merged into the `mappings` namespace by the root router. */
export const mappingLifecycleRouter = {
  create: procedure.input(MappingCreateInput).mutation(({ ctx, input }) => createMapping(ctx.db, input)),
  duplicate: procedure.input(MappingDuplicateInput).mutation(({ ctx, input }) => duplicateMapping(ctx.db, input.from, input.to)),
  /** Only a draft never published: published versions are kept as evidence for the runs that used them. */
  delete: procedure.input(MappingDeleteInput).mutation(({ ctx, input }) => {
    deleteMapping(ctx.db, input.name);
    return { name: input.name };
  }),
};
