'use client';

import { Tag } from 'antd';
import { useI18n } from '../../_i18n/client';

const COLOURS: Record<string, string> = { dingtalk: 'blue', feishu: 'cyan', wecom: 'green', generic: 'default' };
const KNOWN = ['dingtalk', 'feishu', 'wecom', 'generic'] as const;

/** The name users know an OA system by (钉钉, 飞书, 企业微信); an unknown id is shown as is. */
export function useOaName(): (connector: string) => string {
  const { t } = useI18n();
  return (connector) => {
    const known = KNOWN.find((k) => k === connector);
    return known ? t(`oa.${known}`) : connector;
  };
}

export function OaSourceTag({ connector }: { connector: string }) {
  const oaName = useOaName();
  return <Tag color={COLOURS[connector] ?? 'default'}>{oaName(connector)}</Tag>;
}
