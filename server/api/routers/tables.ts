import { exportTableCsv, getTable, importTableCsv, listTables, replaceTable } from '../../services/tables';
import { analystProcedure, viewerProcedure } from '../init';
import { TableImportCsvInput, TableNameInput, TableReplaceRowsInput } from '../inputs';

export const tablesRouter = {
  list: viewerProcedure.query(({ ctx }) => listTables(ctx.db)),
  get: viewerProcedure.input(TableNameInput).query(({ ctx, input }) => getTable(ctx.db, input.name)),
  exportCsv: viewerProcedure.input(TableNameInput).query(({ ctx, input }) => exportTableCsv(ctx.db, input.name)),
  replaceRows: analystProcedure
    .input(TableReplaceRowsInput)
    .mutation(({ ctx, input }) =>
      replaceTable(ctx.db, input.name, { columns: input.columns, rows: input.rows }, undefined, input.expectedRevision),
    ),
  importCsv: analystProcedure
    .input(TableImportCsvInput)
    .mutation(({ ctx, input }) => importTableCsv(ctx.db, input.name, input.csvText, input.description)),
};
