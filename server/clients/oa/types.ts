import { z } from 'zod';
import type { OutboundPolicy } from '../http';

/** The OA vendors whose approval callbacks carry only an instance id, so the full instance is fetched. */
export const OA_VENDORS = ['dingtalk', 'wecom', 'feishu'] as const;
export type OaVendor = (typeof OA_VENDORS)[number];

const credential = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(256, `${what} is longer than 256 characters`);

/** DingTalk internal app (开发者后台 → 凭证与基础信息): Client ID = appKey, Client Secret = appSecret. */
export const DingtalkCredentialsSchema = z.strictObject({ appKey: credential('appKey'), appSecret: credential('appSecret') });
/** WeCom: the company id (`ww…`) and the secret of the 审批 app or of a self-built app allowed to call it. */
export const WecomCredentialsSchema = z.strictObject({ corpId: credential('corpId'), corpSecret: credential('corpSecret') });
/** Feishu / Lark custom app: `cli_…` and its App Secret. */
export const FeishuCredentialsSchema = z.strictObject({ appId: credential('appId'), appSecret: credential('appSecret') });

export type DingtalkCredentials = z.infer<typeof DingtalkCredentialsSchema>;
export type WecomCredentials = z.infer<typeof WecomCredentialsSchema>;
export type FeishuCredentials = z.infer<typeof FeishuCredentialsSchema>;

export interface OaCredentialsByVendor {
  dingtalk: DingtalkCredentials;
  wecom: WecomCredentials;
  feishu: FeishuCredentials;
}

export const OA_CREDENTIALS_SCHEMAS = {
  dingtalk: DingtalkCredentialsSchema,
  wecom: WecomCredentialsSchema,
  feishu: FeishuCredentialsSchema,
} as const;

/** The vendor's public API roots; tests and `ledgerlink simulate` point a client at the simulator instead. */
export const OA_DEFAULT_BASE_URLS: Readonly<Record<OaVendor, string>> = {
  dingtalk: 'https://api.dingtalk.com',
  wecom: 'https://qyapi.weixin.qq.com',
  feishu: 'https://open.feishu.cn',
};

/**
 * `bodyText` is the vendor's instance response verbatim (envelope included): that is what the connectors
 * normalise (`{result}` for DingTalk, `{errcode, info}` for WeCom, `{code, data}` for Feishu), and keeping the
 * text keeps every digit of every amount.
 */
export type InstanceFetchResult =
  | { ok: true; bodyText: string }
  | { ok: false; retryable: boolean; message: string; status?: number };

export interface OaClient {
  readonly vendor: OaVendor;
  fetchInstance(instanceId: string): Promise<InstanceFetchResult>;
}

export interface OaClientOptions<V extends OaVendor = OaVendor> {
  /** Empty or absent: the vendor's public API root (OA_DEFAULT_BASE_URLS). A trailing slash is fine. */
  baseUrl?: string;
  credentials: OaCredentialsByVendor[V];
  /** Passed to every outbound request (e.g. allow the simulator's 127.0.0.1:port). */
  policy?: OutboundPolicy;
  /** Per request; defaults to 10 s. */
  timeoutMs?: number;
  /** Clock for the token cache (tests). */
  now?: () => number;
}
