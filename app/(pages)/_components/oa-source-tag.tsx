'use client';

import { Tag } from 'antd';
import { OA_SYSTEMS, type OaSystem } from '#server/engine/form-record';
import { useI18n } from '../../_i18n/client';

const COLOURS: Record<OaSystem, string> = { dingtalk: 'blue', feishu: 'cyan', wecom: 'green', generic: 'default' };

/** The name users know an OA system by (钉钉, 飞书, 企业微信); an unknown id is shown as is. */
export function useOaName(): (connector: string) => string {
  const { t } = useI18n();
  return (connector) => {
    const known = OA_SYSTEMS.find((k) => k === connector);
    return known ? t(`oa.${known}`) : connector;
  };
}

export function OaSourceTag({ connector }: { connector: string }) {
  const oaName = useOaName();
  const known = OA_SYSTEMS.find((k) => k === connector);
  return <Tag color={known ? COLOURS[known] : 'default'}>{oaName(connector)}</Tag>;
}
