'use client';

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Upload } from 'antd';
import { useCan } from '../../../../_components/session';
import { useI18n } from '../../../../_i18n/client';
import { useTRPC } from '../../../../_trpc/client';

/** CSV in and out, for tables kept in Excel or exported from the ledger (UTF-8, header row). */
export function CsvActions({ name, onImported }: { name: string; onImported: () => void }) {
  const canImport = useCan('tables.importCsv');
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const importCsv = useMutation(
    trpc.tables.importCsv.mutationOptions({
      onSuccess: (r) => {
        message.success(t('tables.csv.imported', { rows: r.rows }));
        void queryClient.invalidateQueries({ queryKey: trpc.tables.pathKey() });
        onImported();
      },
      onError: (e) => message.error(e.message),
    }),
  );
  const download = async () => {
    const csv = await queryClient.fetchQuery(trpc.tables.exportCsv.queryOptions({ name }, { staleTime: 0 }));
    // A BOM so Excel opens the Chinese text as UTF-8.
    const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      {canImport && (
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          modal.confirm({
            title: t('tables.csv.confirmTitle'),
            content: t('tables.csv.confirmBody', { file: file.name }),
            okText: t('tables.csv.import'),
            onOk: async () => importCsv.mutate({ name, csvText: await file.text() }),
          });
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={importCsv.isPending}>
          {t('tables.csv.import')}
        </Button>
      </Upload>
      )}
      <Button icon={<DownloadOutlined />} onClick={download}>
        {t('tables.csv.export')}
      </Button>
    </>
  );
}
