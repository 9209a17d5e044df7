import { exportTableCsv, getTable, importTableCsv, listTables, replaceTable } from '../../services/tables';
import { actorOf } from '../actor';
import { procedure } from '../init';
import { TableImportCsvInput, TableNameInput, TableReplaceRowsInput } from '../inputs';

export const tablesRouter = {
  list: procedure.query(({ ctx }) => listTables(ctx.db)),
  get: procedure.input(TableNameInput).query(({ ctx, input }) => getTable(ctx.db, input.name)),
  exportCsv: procedure.input(TableNameInput).query(({ ctx, input }) => exportTableCsv(ctx.db, input.name)),
  replaceRows: procedure
    .input(TableReplaceRowsInput)
    .mutation(({ ctx, input }) =>
      replaceTable(ctx.db, input.name, { columns: input.columns, rows: input.rows }, undefined, input.expectedRevision, undefined, actorOf(ctx)),
    ),
  importCsv: procedure
    .input(TableImportCsvInput)
    .mutation(({ ctx, input }) => importTableCsv(ctx.db, input.name, input.csvText, input.description, actorOf(ctx))),
};
