'use client';

import { List, Tag, Typography } from 'antd';
import type { DiffEntry } from '#server/services/version-diff';
import type { VersionComparison } from '#server/services/version-compare';
import { useI18n } from '../../../../../_i18n/client';
import { formatTimestamp } from '../../../../../_lib/dates';

const CHANGE_COLOR = { added: 'success', removed: 'error', changed: 'processing' } as const;

/**
 * The business-terms diff: one sentence per change, in the UI language, tagged by what kind of rule changed. An
 * entry about a node is a button when `onPick` is given: the review canvas then brings that node into view.
 */
export function VersionDiffList({ entries, onPick }: { entries: DiffEntry[]; onPick?: (entry: DiffEntry) => void }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) return <Typography.Paragraph type="secondary">{t('versions.reviewPage.noChanges')}</Typography.Paragraph>;
  return (
    <List
      size="small"
      data-testid="version-diff"
      dataSource={entries}
      renderItem={(e) => {
        const pickable = !!onPick && !!e.node;
        return (
          <List.Item
            data-testid={`version-diff-${e.kind}-${e.change}`}
            data-node={e.node}
            role={pickable ? 'button' : undefined}
            tabIndex={pickable ? 0 : undefined}
            onClick={pickable ? () => onPick(e) : undefined}
            onKeyDown={pickable ? (k) => (k.key === 'Enter' || k.key === ' ') && (k.preventDefault(), onPick(e)) : undefined}
            style={pickable ? { cursor: 'pointer' } : undefined}
          >
            <span>
              <Tag color={CHANGE_COLOR[e.change]}>{t(`versions.changes.${e.change}`)}</Tag>
              <Tag>{t(`versions.diffKinds.${e.kind}`)}</Tag>
              {locale === 'zh-CN' ? e.text.zh : e.text.en}
            </span>
          </List.Item>
        );
      }}
    />
  );
}

/** Lookup tables are live master data: what changed in the ones this mapping reads since the version in force began. */
export function TableEditList({ tableEdits }: { tableEdits: VersionComparison['tableEdits'] }) {
  const { t, locale } = useI18n();
  if (!tableEdits) return null;
  return (
      <div data-testid="version-table-edits">
        <Typography.Text strong>{t('versions.reviewPage.tableEdits', { version: tableEdits.inForce })}</Typography.Text>
        {tableEdits.edits.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('versions.reviewPage.noTableEdits', { version: tableEdits.inForce })}</Typography.Paragraph>
        ) : (
          <List
            size="small"
            dataSource={tableEdits.edits}
            renderItem={(e) => (
              <List.Item>
                <div>
                  {formatTimestamp(e.at, locale)} ·{' '}
                  {t('versions.reviewPage.tableEdit', {
                    table: e.table,
                    before: e.revisionBefore ?? '?',
                    after: e.revisionAfter ?? '?',
                    added: e.rows?.addedCount ?? 0,
                    removed: e.rows?.removedCount ?? 0,
                    who: e.actor ?? '—',
                  })}
                  {e.rows && (
                    <div className="mono" style={{ fontSize: 12 }}>
                      {e.rows.removed.slice(0, 10).map((r, i) => <div key={`r${i}`} style={{ color: '#c0392b' }}>− {r.join(', ')}</div>)}
                      {e.rows.added.slice(0, 10).map((r, i) => <div key={`a${i}`} style={{ color: '#1e7e34' }}>+ {r.join(', ')}</div>)}
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </div>
  );
}
