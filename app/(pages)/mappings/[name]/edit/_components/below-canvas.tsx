'use client';

import { useQuery } from '@tanstack/react-query';
import { Col, ConfigProvider, Row, Space } from 'antd';
import { memo, type RefObject } from 'react';
import { useTRPC } from '../../../../../_trpc/client';
import { ChartSettings } from './chart-settings';
import { FunctionPalette, type PaletteActions } from './function-palette';
import { LivePreview } from './live-preview';
import { NodeInspector } from './node-inspector';
import { TargetSettings } from './target-settings';

interface Props {
  paletteActions: PaletteActions;
  readOnly: boolean;
  connector: string;
  settingsPanel: RefObject<HTMLDivElement | null>;
}

/**
 * Inspector, palette, settings and live preview: the editor's second screen. A chunk of its own, loaded once the
 * trees and canvas are on screen, with the function palette it alone needs — the editor's first frame needs
 * neither their code (tables, forms, the preview's views) nor the palette's 30 kB in the page. Memoised: its
 * props hold still across edits, and each panel follows the store itself, so an edit re-renders only what it changed.
 */
export default memo(function BelowCanvas({ paletteActions, readOnly, connector, settingsPanel }: Props) {
  const trpc = useTRPC();
  // The engine's function catalogue: fixed for a running server.
  const palette = useQuery({ ...trpc.catalogues.functions.queryOptions(), staleTime: Infinity }).data;
  return (
    <Row gutter={12}>
      <Col span={8}>
        <ConfigProvider componentDisabled={readOnly}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <NodeInspector palette={palette} />
            {!readOnly && <FunctionPalette palette={palette} {...paletteActions} />}
            <ChartSettings />
            <div ref={settingsPanel}>
              <TargetSettings />
            </div>
          </Space>
        </ConfigProvider>
      </Col>
      <Col span={16}>
        <LivePreview connector={connector} />
      </Col>
    </Row>
  );
});
