'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { duplicateKeys } from '#server/engine/lookup-table';
import { useTRPC } from '../../../../_trpc/client';

export interface GridRow {
  id: number;
  cells: string[];
}

let nextId = 1;
const withIds = (rows: string[][]): GridRow[] => rows.map((cells) => ({ id: nextId++, cells: [...cells] }));

/**
 * A lookup table being edited: the saved version from the server, the analyst's unsaved grid, and the revision
 * the grid started from, so a save on top of someone else's change is refused instead of overwriting it.
 */
export function useLookupGrid(name: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = useQuery(trpc.tables.get.queryOptions({ name }));
  const [rows, setRows] = useState<GridRow[]>([]);
  const [baseRevision, setBaseRevision] = useState<number | null>(null);
  const [dirty, setDirty] = useState(false);
  const [keyColumn, setKeyColumn] = useState<string | null>(null);

  // Adopt the server's table when it first arrives or after a reload; never over unsaved edits.
  useEffect(() => {
    if (!saved.data || (dirty && baseRevision !== null)) return;
    setRows(withIds(saved.data.rows));
    setBaseRevision(saved.data.revision);
    setKeyColumn((k) => k ?? saved.data!.columns[0] ?? null);
  }, [saved.data, dirty, baseRevision]);

  const columns = saved.data?.columns ?? [];
  const edit = useCallback((update: (rows: GridRow[]) => GridRow[]) => {
    setRows(update);
    setDirty(true);
  }, []);

  const save = useMutation(
    trpc.tables.replaceRows.mutationOptions({
      onSuccess: (r) => {
        setBaseRevision(r.revision);
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: trpc.tables.pathKey() });
      },
    }),
  );

  const reload = useCallback(async () => {
    setDirty(false);
    setBaseRevision(null);
    save.reset();
    await saved.refetch();
  }, [save, saved]);

  const duplicates = useMemo(
    () => (keyColumn ? duplicateKeys({ columns, rows: rows.map((r) => r.cells) }, keyColumn) ?? [] : []),
    [columns, rows, keyColumn],
  );

  return {
    saved,
    columns,
    rows,
    dirty,
    keyColumn,
    setKeyColumn,
    duplicates,
    save,
    reload,
    setCell: (id: number, col: number, value: string) =>
      edit((rs) => rs.map((r) => (r.id === id ? { ...r, cells: r.cells.map((c, i) => (i === col ? value : c)) } : r))),
    addRow: () => edit((rs) => [...rs, { id: nextId++, cells: columns.map(() => '') }]),
    deleteRows: (ids: number[]) => edit((rs) => rs.filter((r) => !ids.includes(r.id))),
    submit: () =>
      baseRevision !== null &&
      save.mutate({ name, columns, rows: rows.map((r) => r.cells), expectedRevision: baseRevision }),
  };
}
