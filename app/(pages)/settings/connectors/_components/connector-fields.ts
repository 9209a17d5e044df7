/** The connector kinds and their fields come from the server's own schemas (pure zod), so the form cannot drift. */
export {
  CONNECTOR_KINDS, VENDOR_FIELDS, WEBHOOK_FORMATS, type ConnectorKind, type VendorKind,
} from '#server/services/connector-kinds';

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
