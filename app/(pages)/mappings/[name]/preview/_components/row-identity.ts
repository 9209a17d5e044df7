import type { TableColumnsType } from 'antd';

/**
 * Table cells that re-render only when their row's record is a different object. The editor's live preview keeps
 * the objects of unchanged rows from one run to the next, so an edit re-renders the rows it changed; the tables
 * are keyed by language, so switching it renders everything anew.
 */
export function withRowIdentity<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((c) => ({ ...c, shouldCellUpdate: (record: T, prev: T) => record !== prev }));
}
