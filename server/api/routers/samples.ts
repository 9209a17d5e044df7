import { getSample, listSamples } from '../../services/samples';
import { procedure } from '../init';
import { SampleGetInput, SampleListInput } from '../inputs';

export const samplesRouter = {
  /** Sample submissions, optionally only those of one OA system (the one a mapping reads). */
  list: procedure.input(SampleListInput).query(({ ctx, input }) => listSamples(ctx.db, input.connector)),
  get: procedure.input(SampleGetInput).query(({ ctx, input }) => getSample(ctx.db, input.id)),
};
