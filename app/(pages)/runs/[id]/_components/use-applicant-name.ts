'use client';

import { useQueries } from '@tanstack/react-query';
import type { FormRecord, LookupTableData, MappingSpec } from '#server/engine';
import { applicantName, namingTables } from '#server/pipeline/applicant-name';
import { useTRPC } from '../../../../_trpc/client';

/**
 * A run's applicant by name: the OA's name, else the name the version's own lookup finds for the user id (read
 * from the table as it is now: names rarely change, and the voucher itself is what the run stored).
 */
export function useApplicantName(record: FormRecord | null, spec: MappingSpec | null): string | null {
  const trpc = useTRPC();
  const needed = record?.applicant && !record.applicant.name && spec ? namingTables(spec) : [];
  const tables = useQueries({ queries: needed.map((name) => ({ ...trpc.tables.get.queryOptions({ name }), staleTime: 60_000 })) });
  if (!record || !spec) return record?.applicant?.name ?? null;
  const loaded: Record<string, LookupTableData> = {};
  tables.forEach((q, i) => {
    if (q.data) loaded[needed[i]] = q.data;
  });
  return applicantName(record, spec, loaded);
}
