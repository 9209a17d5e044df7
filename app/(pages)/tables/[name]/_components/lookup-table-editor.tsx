'use client';

import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '../../../../_i18n/client';
import { useCan } from '../../../../_components/session';
import { CsvActions } from './csv-actions';
import { useLookupGrid, type GridRow } from './use-lookup-grid';

/** A spreadsheet-like editor for one lookup table: edit cells, add and delete rows, save with its revision. */
export function LookupTableEditor({ name }: { name: string }) {
  const { t } = useI18n();
  const canEdit = useCan('tables.replaceRows');
  const grid = useLookupGrid(name);
  const [selected, setSelected] = useState<number[]>([]);
  const conflict = grid.save.error?.data?.code === 'CONFLICT';
  const duplicateRows = new Set(grid.duplicates.flatMap((d) => d.rows));

  const columns: TableColumnsType<GridRow> = [
    { title: '#', key: 'n', width: 56, align: 'right', render: (_, _r, i) => i + 1 },
    ...grid.columns.map((col, c) => ({
      title: <span className="mono">{col}</span>,
      key: col,
      render: (_: unknown, row: GridRow) => (
        <Input
          size="small"
          variant="borderless"
          aria-label={t('tables.cellLabel', { column: col, row: grid.rows.indexOf(row) + 1 })}
          value={row.cells[c]}
          status={col === grid.keyColumn && duplicateRows.has(grid.rows.indexOf(row) + 1) ? 'warning' : undefined}
          onChange={(e) => grid.setCell(row.id, c, e.target.value)}
        />
      ),
    })),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link href="/tables">{t('tables.title')}</Link> }, { title: name }]} />
      {grid.saved.error && <Alert type="error" showIcon title={t('common.loadFailed')} description={grid.saved.error.message} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('tables.conflict.title')}
          description={grid.save.error?.message}
          action={<Button onClick={() => void grid.reload()}>{t('tables.conflict.reload')}</Button>}
        />
      )}
      {grid.save.error && !conflict && <Alert type="error" showIcon title={t('tables.saveFailed')} description={grid.save.error.message} />}
      {grid.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="tables-duplicates-alert"
          title={t('tables.duplicates.title', { column: grid.keyColumn ?? '' })}
          description={grid.duplicates.map((d) => t('tables.duplicates.item', { key: d.key, rows: d.rows.join(', ') })).join('；')}
        />
      )}
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }} className="mono">
              {name}
            </Typography.Title>
            {grid.saved.data && <Tag>{t('tables.revision', { revision: grid.saved.data.revision })}</Tag>}
            {grid.dirty && <Tag color="orange">{t('tables.unsaved')}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            <CsvActions name={name} onImported={() => void grid.reload()} />
            {canEdit ? (
              <Button type="primary" icon={<SaveOutlined />} disabled={!grid.dirty} loading={grid.save.isPending} onClick={grid.submit}>
                {t('tables.save')}
              </Button>
            ) : (
              <Tag>{t('auth.readOnly')}</Tag>
            )}
          </Space>
        }
      >
        {grid.saved.data?.description && <Typography.Paragraph type="secondary">{grid.saved.data.description}</Typography.Paragraph>}
        <Space wrap style={{ marginBottom: 12 }}>
          {canEdit && (
          <Button icon={<PlusOutlined />} onClick={grid.addRow}>
            {t('tables.addRow')}
          </Button>
          )}
          {canEdit && (
          <Button
            danger
            icon={<DeleteOutlined />}
            disabled={selected.length === 0}
            onClick={() => {
              grid.deleteRows(selected);
              setSelected([]);
            }}
          >
            {t('tables.deleteRows', { count: selected.length })}
          </Button>
          )}
          <Typography.Text type="secondary">{t('tables.keyColumn')}</Typography.Text>
          <Select
            aria-label={t('tables.keyColumn')}
            size="small"
            style={{ minWidth: 180 }}
            value={grid.keyColumn ?? undefined}
            options={grid.columns.map((c) => ({ value: c, label: c }))}
            onChange={grid.setKeyColumn}
          />
        </Space>
        <Table<GridRow>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={grid.rows}
          loading={grid.saved.isLoading}
          pagination={grid.rows.length > 200 ? { pageSize: 200, showSizeChanger: false } : false}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
          rowClassName={(_, i) => (duplicateRows.has(i + 1) ? 'lookup-duplicate-row' : '')}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </Space>
  );
}
