import { listTables } from '../../services/tables';
import { viewerProcedure } from '../init';

export const tablesRouter = {
  list: viewerProcedure.query(({ ctx }) => listTables(ctx.db)),
};
