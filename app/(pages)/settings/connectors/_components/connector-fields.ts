/**
 * What each kind of connector asks for, split as server/services/connector-kinds.ts splits it: settings anyone may
 * read, secrets kept sealed. Kept here (not imported) because that module pulls in Node crypto; the server checks
 * every value again, so a drift shows as a clear validation error, never as a wrong connector.
 */
export const CONNECTOR_KINDS = ['webhook', 'dingtalk', 'wecom', 'feishu'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

/** The instance formats a signed webhook may carry. */
export const WEBHOOK_FORMATS = ['dingtalk', 'feishu', 'wecom', 'generic'] as const;

export type VendorKind = Exclude<ConnectorKind, 'webhook'>;

export const VENDOR_FIELDS: Record<VendorKind, { settings: readonly string[]; secrets: readonly string[]; defaultApiBaseUrl: string }> = {
  dingtalk: { settings: ['apiBaseUrl', 'appKey', 'ownerKey'], secrets: ['token', 'aesKey', 'appSecret'], defaultApiBaseUrl: 'https://api.dingtalk.com' },
  wecom: { settings: ['apiBaseUrl', 'corpId'], secrets: ['token', 'aesKey', 'corpSecret'], defaultApiBaseUrl: 'https://qyapi.weixin.qq.com' },
  feishu: { settings: ['apiBaseUrl', 'appId'], secrets: ['verificationToken', 'encryptKey', 'appSecret'], defaultApiBaseUrl: 'https://open.feishu.cn' },
};

/** All the field ids the forms may show, for the message catalogue's `connectors.fields.*`. */
export const FIELD_IDS = ['apiBaseUrl', 'appKey', 'ownerKey', 'corpId', 'appId', 'token', 'aesKey', 'appSecret', 'corpSecret', 'verificationToken', 'encryptKey'] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** The values of the named fields, trimmed, leaving out the empty ones. */
export function pick(values: Record<string, unknown>, ids: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    const v = values[id];
    if (typeof v === 'string' && v.trim()) out[id] = v.trim();
  }
  return out;
}
