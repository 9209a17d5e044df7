import { z } from 'zod';
import { OA_DEFAULT_BASE_URLS } from '../clients/oa/types';
import { OA_SYSTEMS } from '../engine/form-record';

/**
 * Pure (zod only): the settings pages in the browser build their forms from these same schemas.
 *
 * What each kind of connector needs, split into settings anyone may read and secrets kept sealed. The vendor
 * kinds need both halves of the vendor's integration: the callback's token and AES key (to check and decrypt
 * what the OA system sends) and the app's credentials (to fetch the full instance the callback only names).
 */
const whsec = z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a Standard Webhooks secret looks like whsec_ followed by base64');
export const CONNECTOR_KINDS = ['webhook', 'dingtalk', 'wecom', 'feishu'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
export type VendorKind = Exclude<ConnectorKind, 'webhook'>;
/** The instance formats a signed webhook may carry: every OA system's, and the generic one. */
export const WEBHOOK_FORMATS = OA_SYSTEMS;

const apiBaseUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .url('the API base URL must be an absolute http(s) URL')
    .refine((u) => /^https?:\/\//.test(u), 'the API base URL must be http or https')
    .default(fallback);
// The vendors' EncodingAESKey: 43 base64 characters (server/inbound checks it again when it decodes the key).
const aesKey = z.string().regex(/^[A-Za-z0-9+/]{43}$/, 'the AES key (EncodingAESKey) is exactly 43 characters of A-Z, a-z, 0-9, + or /');
const required = (what: string) => z.string().trim().min(1, `${what} is required`).max(512);

export const ConnectorSettingsSchemas = {
  webhook: z.object({}).strict(),
  dingtalk: z
    .object({
      apiBaseUrl: apiBaseUrl(OA_DEFAULT_BASE_URLS.dingtalk),
      appKey: required('the app key'),
      /** the id the callback encrypts for (the corp id, or the app key for an internal app's subscription) */
      ownerKey: required('the owner key (corp id or app key)'),
    })
    .strict(),
  wecom: z.object({ apiBaseUrl: apiBaseUrl(OA_DEFAULT_BASE_URLS.wecom), corpId: required('the corp id') }).strict(),
  feishu: z.object({ apiBaseUrl: apiBaseUrl(OA_DEFAULT_BASE_URLS.feishu), appId: required('the app id') }).strict(),
} as const;

export const ConnectorSecretsSchemas = {
  // Several secrets while a sender rotates its key: a signature by any of them is accepted.
  webhook: z.object({ webhookSecrets: z.array(whsec).min(1, 'at least one whsec_ secret').max(5) }).strict(),
  dingtalk: z.object({ token: required('the callback token'), aesKey, appSecret: required('the app secret') }).strict(),
  wecom: z.object({ token: required('the callback token'), aesKey, corpSecret: required('the app secret (corpsecret)') }).strict(),
  feishu: z
    .object({ verificationToken: required('the verification token'), encryptKey: required('the encrypt key'), appSecret: required('the app secret') })
    .strict(),
} as const;

export type ConnectorSettings =
  | z.output<(typeof ConnectorSettingsSchemas)['webhook']>
  | z.output<(typeof ConnectorSettingsSchemas)['dingtalk']>
  | z.output<(typeof ConnectorSettingsSchemas)['wecom']>
  | z.output<(typeof ConnectorSettingsSchemas)['feishu']>;
export type ConnectorSecrets =
  | z.output<(typeof ConnectorSecretsSchemas)['webhook']>
  | z.output<(typeof ConnectorSecretsSchemas)['dingtalk']>
  | z.output<(typeof ConnectorSecretsSchemas)['wecom']>
  | z.output<(typeof ConnectorSecretsSchemas)['feishu']>;

/** The fields a vendor connector's form asks for, in the schemas' order, and its API's default address. */
function vendorFields(kind: VendorKind) {
  return {
    settings: Object.keys(ConnectorSettingsSchemas[kind].shape),
    secrets: Object.keys(ConnectorSecretsSchemas[kind].shape),
    defaultApiBaseUrl: OA_DEFAULT_BASE_URLS[kind],
  };
}
export const VENDOR_FIELDS: Readonly<Record<VendorKind, ReturnType<typeof vendorFields>>> = {
  dingtalk: vendorFields('dingtalk'),
  wecom: vendorFields('wecom'),
  feishu: vendorFields('feishu'),
};
