/**
 * The approval-finished callbacks a simulated vendor pushes, built, encrypted and signed the way each vendor
 * does (crypto from server/inbound, so the simulator and our receiver share one implementation — the receiver's
 * tests against the published vectors are what prove it matches the vendors):
 * - DingTalk: `POST url?msg_signature&timeStamp(ms)&nonce` `{"encrypt"}`, event `bpms_instance_change`, ownerKey.
 * - WeCom: `POST url?msg_signature&timestamp(s)&nonce`, XML `<xml><ToUserName/><Encrypt/><AgentID/></xml>`,
 *   event `sys_approval_change`, ReceiveId = corp id.
 * - Feishu: `POST url` `{"encrypt"}` with X-Lark-Request-Timestamp/-Nonce/-Signature, v1 `approval_instance` event.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { feishuSignature, encryptFeishu } from '../../inbound/feishu-crypt';
import { callbackSignature, decodeAesKey, encryptCallback } from '../../inbound/wx-biz-msg-crypt';
import { outboundFetch, type OutboundPolicy } from '../http';
import type { OaVendor } from '../oa/types';

/** DingTalk and WeCom callback settings (same scheme): the console's Token, EncodingAESKey and the receiver id. */
export interface WxCallbackTarget {
  url: string;
  token: string;
  aesKey: string;
  /** DingTalk: the ownerKey (the app key for an internal app's subscription); WeCom: the corp id. */
  receiverId: string;
  /** WeCom only: the approval app's AgentID in the envelope (default 3010040, the 审批 app). */
  agentId?: string;
}

/** Feishu event subscription settings: the Verification Token (inside the event) and the Encrypt Key. */
export interface FeishuCallbackTarget {
  url: string;
  verificationToken: string;
  encryptKey: string;
  /** The app id the event names (defaults to the simulator's app id). */
  appId?: string;
}

export interface ApprovalCallbackOptions {
  /** DingTalk `result` (default from the instance, else agree). */
  result?: 'agree' | 'refuse';
  /** WeCom `StatuChangeEvent` (default: 2 approved, 3 rejected, 6 withdrawn, from the instance's sp_status). */
  statusChangeEvent?: number;
  /** Feishu `status` (default the instance's status, else APPROVED). */
  status?: string;
  /** The event's own id (DingTalk eventId, Feishu uuid); random by default. Resend with the same one to test dedupe. */
  eventId?: string;
  /** DingTalk `processCode` (the v1.0 instance body carries none). */
  processCode?: string;
  /** DingTalk `CorpId`. */
  corpId?: string;
}

export interface CallbackDelivery {
  /** The receiver's HTTP status, or 0 when no response came back. */
  status: number;
  bodyText: string;
  /** The event's plaintext before encryption (JSON, or XML for WeCom). */
  event: string;
  eventId: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const cdata = (s: string) => `<![CDATA[${s.split(']]>').join(']]]]><![CDATA[>')}]]>`;

function epochMs(iso: unknown, fallback: number): number {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : fallback;
}

export function dingtalkEvent(instanceId: string, responseText: string, opts: ApprovalCallbackOptions, now: number) {
  const r = obj(obj(JSON.parse(responseText)).result);
  const eventId = opts.eventId ?? randomBytes(16).toString('hex');
  const corpId = opts.corpId ?? 'dingsimulatedcorp';
  const raw = str(r.result);
  const event = {
    EventType: 'bpms_instance_change',
    EventTime: now,
    CorpId: corpId,
    BizId: String(now),
    eventId,
    result: opts.result ?? (raw === 'refuse' ? 'refuse' : 'agree'),
    processInstanceId: instanceId,
    finishTime: epochMs(r.finishTime, now),
    createTime: epochMs(r.createTime, now),
    processCode: opts.processCode ?? '',
    businessId: str(r.businessId) ?? '',
    type: 'finish',
    title: str(r.title) ?? '',
    staffId: str(r.originatorUserId) ?? '',
  };
  return { text: JSON.stringify(event), eventId };
}

const WECOM_CHANGE: Record<string, number> = { '2': 2, '3': 3, '4': 6, '6': 8 };

export function wecomEvent(instanceId: string, responseText: string, target: WxCallbackTarget, opts: ApprovalCallbackOptions, now: number) {
  const info = obj(obj(JSON.parse(responseText)).info);
  const spStatus = str(info.sp_status) ?? '2';
  const applyer = obj(info.applyer);
  const seconds = Math.floor(now / 1000);
  const text = [
    '<xml>',
    `<ToUserName>${cdata(target.receiverId)}</ToUserName>`,
    `<FromUserName>${cdata('sys')}</FromUserName>`,
    `<CreateTime>${seconds}</CreateTime>`,
    `<MsgType>${cdata('event')}</MsgType>`,
    `<Event>${cdata('sys_approval_change')}</Event>`,
    `<AgentID>${target.agentId ?? '3010040'}</AgentID>`,
    '<ApprovalInfo>',
    `<SpNoStr>${cdata(instanceId)}</SpNoStr>`,
    /^\d+$/.test(instanceId) ? `<SpNo>${instanceId}</SpNo>` : '',
    `<SpName>${cdata(str(info.sp_name) ?? '')}</SpName>`,
    `<SpStatus>${spStatus}</SpStatus>`,
    `<TemplateId>${cdata(str(info.template_id) ?? '')}</TemplateId>`,
    `<ApplyTime>${str(info.apply_time) ?? seconds}</ApplyTime>`,
    `<Applyer><UserId>${cdata(str(applyer.userid) ?? '')}</UserId><Party>${cdata(str(applyer.partyid) ?? '')}</Party></Applyer>`,
    `<StatuChangeEvent>${opts.statusChangeEvent ?? WECOM_CHANGE[spStatus] ?? 2}</StatuChangeEvent>`,
    '</ApprovalInfo>',
    '</xml>',
  ].join('');
  // WeCom events carry no event id; receivers deduplicate on SpNo + status + time.
  return { text, eventId: `${instanceId}:${spStatus}:${seconds}` };
}

export function feishuEvent(instanceId: string, responseText: string, target: FeishuCallbackTarget, opts: ApprovalCallbackOptions, now: number) {
  const data = obj(obj(JSON.parse(responseText)).data);
  const eventId = opts.eventId ?? randomBytes(16).toString('hex');
  const event = {
    ts: `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, '0')}`,
    uuid: eventId,
    token: target.verificationToken,
    type: 'event_callback',
    event: {
      app_id: target.appId ?? '',
      tenant_key: 'simulated-tenant',
      type: 'approval_instance',
      approval_code: str(data.approval_code) ?? '',
      instance_code: instanceId,
      status: opts.status ?? str(data.status) ?? 'APPROVED',
      operate_time: String(now),
      instance_operate_time: String(now),
      uuid: str(data.uuid) ?? '',
    },
  };
  return { text: JSON.stringify(event), eventId };
}

function withQuery(url: string, params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return `${url}${url.includes('?') ? '&' : '?'}${q}`;
}

/** The callback URL's own host:port, which a simulator playing the vendor for a local server must reach. */
export function callbackPolicy(url: string): OutboundPolicy {
  try {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    return { allow: [`${u.hostname}:${port}`] };
  } catch {
    return { allow: [] };
  }
}

export async function postCallback(
  vendor: OaVendor,
  target: WxCallbackTarget | FeishuCallbackTarget,
  event: { text: string; eventId: string },
  now: number,
  policy?: OutboundPolicy,
): Promise<CallbackDelivery> {
  let url: string;
  let headers: Record<string, string>;
  let body: string;
  if (vendor === 'feishu') {
    const t = target as FeishuCallbackTarget;
    const timestamp = String(Math.floor(now / 1000));
    const nonce = randomText(16);
    body = JSON.stringify({ encrypt: encryptFeishu(t.encryptKey, event.text) });
    url = t.url;
    headers = {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': feishuSignature(timestamp, nonce, t.encryptKey, body),
    };
  } else {
    const t = target as WxCallbackTarget;
    const encrypt = encryptCallback(decodeAesKey(t.aesKey), event.text, t.receiverId);
    // DingTalk stamps in milliseconds with an 8-character nonce; WeCom in seconds with a numeric nonce.
    const timestamp = vendor === 'dingtalk' ? String(now) : String(Math.floor(now / 1000));
    const nonce = vendor === 'dingtalk' ? randomText(8) : randomText(10, '0123456789');
    const signature = callbackSignature(t.token, timestamp, nonce, encrypt);
    if (vendor === 'dingtalk') {
      url = withQuery(t.url, { msg_signature: signature, timeStamp: timestamp, nonce });
      body = JSON.stringify({ encrypt });
      headers = { 'content-type': 'application/json; charset=utf-8' };
    } else {
      url = withQuery(t.url, { msg_signature: signature, timestamp, nonce });
      body = `<xml><ToUserName>${cdata(t.receiverId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata(t.agentId ?? '3010040')}</AgentID></xml>`;
      headers = { 'content-type': 'text/xml; charset=utf-8' };
    }
  }
  const r = await outboundFetch({ method: 'POST', url, headers, body, timeoutMs: 10_000 }, policy ?? callbackPolicy(target.url));
  if (r.kind === 'failed') return { status: 0, bodyText: r.message, event: event.text, eventId: event.eventId };
  return { status: r.status, bodyText: r.bodyText, event: event.text, eventId: event.eventId };
}
