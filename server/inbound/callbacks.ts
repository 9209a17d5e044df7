/**
 * One entry for every vendor callback: raw request + connector config + clock → reply, event or refusal.
 * Pure apart from the random nonce and prefix of DingTalk's encrypted reply (fixed through `options` in tests).
 *
 * Order of checks, for every vendor: signature first (401), then the timestamp window (401), then decryption and
 * the receiver / app / token check (401 when the event is for someone else, 400 when it cannot be read), then the
 * handshake or the event. Only the configuration can make this throw (CallbackConfigError); a hostile request
 * always comes back as an outcome.
 */
import { handleDingtalkCallback } from './callback-dingtalk';
import { handleFeishuCallback } from './callback-feishu';
import {
  vendorCallbackConfigSchemas,
  type CallbackOptions,
  type CallbackOutcome,
  type CallbackRequest,
  type CallbackVendor,
  type DingtalkCallbackConfig,
  type FeishuCallbackConfig,
  type VendorCallbackConfigs,
  type WecomCallbackConfig,
} from './callback-types';
import { handleWecomCallback } from './callback-wecom';

export * from './callback-types';
export { dingtalkSuccessReply } from './callback-dingtalk';

/** The connector's stored configuration does not fit the vendor: a set-up problem, never the caller's fault. */
export class CallbackConfigError extends Error {
  constructor(vendor: CallbackVendor, fields: string[]) {
    // Field names only: the values are secrets.
    super(`The ${vendor} callback configuration is invalid (${fields.join(', ') || 'not an object'})`);
    this.name = 'CallbackConfigError';
  }
}

function checkedConfig<V extends CallbackVendor>(vendor: V, config: unknown): VendorCallbackConfigs[V] {
  const parsed = vendorCallbackConfigSchemas[vendor].safeParse(config);
  if (!parsed.success) {
    throw new CallbackConfigError(vendor, parsed.error.issues.map((issue) => issue.path.join('.')).filter(Boolean));
  }
  return parsed.data as VendorCallbackConfigs[V];
}

export function handleVendorCallback<V extends CallbackVendor>(
  vendor: V,
  req: CallbackRequest,
  config: VendorCallbackConfigs[V],
  now: Date = new Date(),
  options: CallbackOptions = {},
): CallbackOutcome {
  switch (vendor) {
    case 'dingtalk':
      return handleDingtalkCallback(req, checkedConfig('dingtalk', config) as DingtalkCallbackConfig, now, options);
    case 'wecom':
      return handleWecomCallback(req, checkedConfig('wecom', config) as WecomCallbackConfig, now);
    case 'feishu':
      return handleFeishuCallback(req, checkedConfig('feishu', config) as FeishuCallbackConfig, now);
    default:
      throw new Error(`Unknown callback vendor: ${String(vendor)}`);
  }
}
