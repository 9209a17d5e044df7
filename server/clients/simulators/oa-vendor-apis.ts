/**
 * What each simulated vendor answers on its token and instance endpoints, in the vendor's own shapes
 * (see server/clients/oa/{dingtalk,wecom,feishu}.ts for the sources of each code):
 * - DingTalk v1.0: errors as non-2xx `{code, message, requestid}`; bad token `InvalidAuthentication`.
 * - WeCom: HTTP 200 with `errcode`; 40001 bad secret, 40013 bad corpid, 40014 unknown token, 42001 expired token.
 * - Feishu: `{code, msg}` with HTTP 400; 10014 bad app secret, 99991663 invalid token, 1390003 unknown instance.
 */
import { randomBytes } from 'node:crypto';
import type { DingtalkCredentials, FeishuCredentials, OaVendor, WecomCredentials } from '../oa/types';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

export interface SimResponse {
  status: number;
  bodyText: string;
}

export type TokenState = 'valid' | 'expired' | 'unknown';

/** What the routes need from the simulator's state. */
export interface SimState {
  issueToken(): { token: string; expiresInS: number };
  /** Also counts the instance request: every instance route asks first. */
  tokenState(token: string): TokenState;
  /** The stored response text for an instance (already in the vendor's envelope), or undefined. */
  instance(id: string): string | undefined;
  /** An injected failure status for this instance request, if one is queued. */
  takeFailure(): number | undefined;
}

const json = (status: number, body: unknown): SimResponse => ({ status, bodyText: JSON.stringify(body) });
const requestId = () => randomBytes(8).toString('hex').toUpperCase();

function parseBody(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function header(req: SimRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function dingtalk(creds: DingtalkCredentials, state: SimState, req: SimRequest): SimResponse | undefined {
  if (req.method === 'POST' && req.path === '/v1.0/oauth2/accessToken') {
    const b = parseBody(req.bodyText);
    if (b.appKey !== creds.appKey || b.appSecret !== creds.appSecret) {
      return json(400, { requestid: requestId(), code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
    }
    const t = state.issueToken();
    return json(200, { accessToken: t.token, expireIn: t.expiresInS });
  }
  if (req.method === 'GET' && req.path === '/v1.0/workflow/processInstances') {
    if (state.tokenState(header(req, 'x-acs-dingtalk-access-token')) !== 'valid') {
      return json(400, { requestid: requestId(), code: 'InvalidAuthentication', message: '不合法的access_token' });
    }
    const failure = state.takeFailure();
    if (failure) return json(failure, { requestid: requestId(), code: 'systemError', message: '系统异常' });
    const body = state.instance(req.query.get('processInstanceId') ?? '');
    if (body === undefined) return json(400, { requestid: requestId(), code: 'aflowProcessInstNotExist', message: '审批实例不存在' });
    return { status: 200, bodyText: body };
  }
  return undefined;
}

function wecom(creds: WecomCredentials, state: SimState, req: SimRequest): SimResponse | undefined {
  if (req.method === 'GET' && req.path === '/cgi-bin/gettoken') {
    if (req.query.get('corpid') !== creds.corpId) return json(200, { errcode: 40013, errmsg: 'invalid corpid' });
    if (req.query.get('corpsecret') !== creds.corpSecret) return json(200, { errcode: 40001, errmsg: 'invalid credential' });
    const t = state.issueToken();
    return json(200, { errcode: 0, errmsg: 'ok', access_token: t.token, expires_in: t.expiresInS });
  }
  if (req.method === 'POST' && req.path === '/cgi-bin/oa/getapprovaldetail') {
    const s = state.tokenState(req.query.get('access_token') ?? '');
    if (s === 'expired') return json(200, { errcode: 42001, errmsg: 'access_token expired' });
    if (s === 'unknown') return json(200, { errcode: 40014, errmsg: 'invalid access_token' });
    const failure = state.takeFailure();
    if (failure) return json(failure, { errcode: -1, errmsg: 'system busy' });
    const spNo = parseBody(req.bodyText).sp_no;
    const body = typeof spNo === 'string' ? state.instance(spNo) : undefined;
    // Our sources name no errcode for an unknown sp_no; 40058 is WeCom's documented "invalid parameter" code.
    if (body === undefined) return json(200, { errcode: 40058, errmsg: 'invalid Request Parameter: sp_no not found' });
    return { status: 200, bodyText: body };
  }
  return undefined;
}

const FEISHU_INSTANCE = /^\/open-apis\/approval\/v4\/instances\/([^/]+)$/;

function feishu(creds: FeishuCredentials, state: SimState, req: SimRequest): SimResponse | undefined {
  if (req.method === 'POST' && req.path === '/open-apis/auth/v3/tenant_access_token/internal') {
    const b = parseBody(req.bodyText);
    if (b.app_id !== creds.appId) return json(400, { code: 10003, msg: 'invalid param' });
    if (b.app_secret !== creds.appSecret) return json(400, { code: 10014, msg: 'app secret invalid' });
    const t = state.issueToken();
    return json(200, { code: 0, msg: 'ok', tenant_access_token: t.token, expire: t.expiresInS });
  }
  const m = req.method === 'GET' ? FEISHU_INSTANCE.exec(req.path) : null;
  if (m) {
    const auth = header(req, 'authorization');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const tokenState = state.tokenState(token);
    if (!token) return json(400, { code: 99991661, msg: 'Missing access token for authorization.' });
    if (tokenState !== 'valid') return json(400, { code: 99991663, msg: 'Invalid access token for authorization.' });
    const failure = state.takeFailure();
    if (failure) return json(failure, { code: 1395001, msg: 'There have been some errors. Please try again later' });
    let id: string;
    try {
      id = decodeURIComponent(m[1]);
    } catch {
      return json(400, { code: 1390001, msg: 'param is invalid' });
    }
    const body = state.instance(id);
    if (body === undefined) return json(400, { code: 1390003, msg: 'instance code not found' });
    return { status: 200, bodyText: body };
  }
  return undefined;
}

export type SimulatedCredentials = DingtalkCredentials | WecomCredentials | FeishuCredentials;

export function routeVendorRequest(vendor: OaVendor, creds: SimulatedCredentials, state: SimState, req: SimRequest): SimResponse {
  const r =
    vendor === 'dingtalk'
      ? dingtalk(creds as DingtalkCredentials, state, req)
      : vendor === 'wecom'
        ? wecom(creds as WecomCredentials, state, req)
        : feishu(creds as FeishuCredentials, state, req);
  return r ?? json(404, { code: 404, msg: `the ${vendor} simulator has no ${req.method} ${req.path}` });
}

/** The key under which each vendor's instance response carries the instance. */
const ENVELOPE_KEY: Record<OaVendor, string> = { dingtalk: 'result', wecom: 'info', feishu: 'data' };

/**
 * The response text for an instance: a body that already is the API's response is served verbatim; a bare
 * instance object is wrapped by text concatenation, so its numbers keep their exact digits.
 */
export function toVendorResponse(vendor: OaVendor, bodyText: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    throw new Error(`the ${vendor} simulator needs an instance as JSON text (the API response or its instance object)`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`the ${vendor} simulator needs an instance as a JSON object`);
  }
  if (Object.prototype.hasOwnProperty.call(parsed, ENVELOPE_KEY[vendor])) return bodyText;
  if (vendor === 'dingtalk') return `{"result":${bodyText},"success":true}`;
  if (vendor === 'wecom') return `{"errcode":0,"errmsg":"ok","info":${bodyText}}`;
  return `{"code":0,"msg":"success","data":${bodyText}}`;
}
