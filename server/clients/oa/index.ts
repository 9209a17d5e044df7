/** OA vendor API clients: fetch the full approval instance a callback only names (Node only). */
import { createDingtalkClient } from './dingtalk';
import { createFeishuClient } from './feishu';
import type { OaClient, OaClientOptions, OaVendor } from './types';
import { createWecomClient } from './wecom';

export * from './types';
export { createDingtalkClient, createFeishuClient, createWecomClient };
export { TokenCache, refreshMarginS, type TokenGrant, type TokenOutcome } from './token-cache';

/**
 * One client per OA app: keep it for the life of the process, since its token cache is what spares the
 * vendor's rate-limited token endpoint. Credentials are validated by the caller (OA_CREDENTIALS_SCHEMAS).
 */
export function createOaClient<V extends OaVendor>(vendor: V, options: OaClientOptions<V>): OaClient {
  switch (vendor) {
    case 'dingtalk':
      return createDingtalkClient(options as OaClientOptions<'dingtalk'>);
    case 'wecom':
      return createWecomClient(options as OaClientOptions<'wecom'>);
    case 'feishu':
      return createFeishuClient(options as OaClientOptions<'feishu'>);
    default:
      throw new Error(`no OA client for vendor "${String(vendor)}" (expected dingtalk, wecom or feishu)`);
  }
}
