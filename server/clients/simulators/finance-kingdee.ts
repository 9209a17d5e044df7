import { randomBytes } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { KINGDEE_SERVICE, LOGIN_SUCCESS, MSG_CODE } from '../finance/kingdee-protocol';
import { startSimServer, type FinanceFault, type SimReply, type SimRequest, type SimServerOptions } from './finance-sim-server';
import { runBillQuery } from './finance-kingdee-query';

/**
 * A K/3 Cloud Web API stand-in for tests and demos: ValidateUser with one account, session cookies that can be
 * expired on demand, Save of GL_VOUCHER (checked for balance, numbered 记-0001…), and ExecuteBillQuery answering from
 * what was saved. Scripted faults apply to Save only, so a test can make the voucher post fail while login and
 * lookups keep working.
 */

export interface KingdeeSimAccount {
  acctId: string;
  username: string;
  password: string;
}

export interface SavedKingdeeVoucher {
  id: number;
  number: string;
  /** The Save object as received (the envelope's `data`). */
  model: Record<string, unknown>;
  explanations: string[];
}

export interface KingdeeReceived {
  service: 'login' | 'save' | 'query' | 'other';
  body: string;
  /** The session cookie the request carried, if any. */
  session: string | undefined;
  /** The scripted fault this request drew (then it was not answered normally). */
  fault?: FinanceFault['kind'];
}

export interface KingdeeFinanceSimulator {
  url: string;
  close(): Promise<void>;
  /** Faults for the next Save requests. */
  failNext(count: number, fault: FinanceFault): void;
  /** Every request, faulted ones included. */
  received: KingdeeReceived[];
  saved: SavedKingdeeVoucher[];
  /** How many Save requests were processed (booked or refused), faults that skip processing excluded. */
  readonly saveCount: number;
  /** Every session issued so far is lost; the next request with one gets Kingdee's "会话信息已丢失". */
  expireSessions(): void;
}

const SESSION_COOKIE = 'kdservice-sessionid';
const json = (body: unknown, headers: Record<string, string | string[]> = {}): SimReply => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

function statusReply(status: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Result: { ResponseStatus: { ErrorCode: 500, IsSuccess: false, Errors: [], SuccessEntitys: [], SuccessMessages: [], MsgCode: 0, ...status }, ...extra } };
}

const SESSION_LOST = statusReply({ MsgCode: MSG_CODE.sessionLost, Errors: [{ FieldName: null, Message: '会话信息已丢失，请重新登录', DIndex: 0 }] });

function readData(body: string): { formid?: string; data: Record<string, unknown> } {
  const outer = JSON.parse(body) as { formid?: string; FormId?: string; data?: unknown };
  // Kingdee accepts `data` as a nested JSON string (the SDKs' form) or as an object.
  const data = typeof outer.data === 'string' ? JSON.parse(outer.data) : outer.data;
  if (data === null || typeof data !== 'object') throw new Error('data is missing');
  return { formid: outer.formid ?? outer.FormId, data: data as Record<string, unknown> };
}

export async function startKingdeeFinanceSimulator(options: SimServerOptions & { account: KingdeeSimAccount }): Promise<KingdeeFinanceSimulator> {
  const received: KingdeeReceived[] = [];
  const saved: SavedKingdeeVoucher[] = [];
  const live = new Set<string>();
  let saveCount = 0;

  const serviceOf = (path: string): KingdeeReceived['service'] =>
    path.endsWith(KINGDEE_SERVICE.login) ? 'login' : path.endsWith(KINGDEE_SERVICE.save) ? 'save' : path.endsWith(KINGDEE_SERVICE.query) ? 'query' : 'other';
  const sessionOf = (req: SimRequest) => new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];

  function login(body: string): SimReply {
    const p = JSON.parse(body) as Record<string, unknown> & { parameters?: unknown[] };
    // Both forms seen in integrations: named members, or the positional `parameters` array.
    const [acctId, username, password] = Array.isArray(p.parameters) ? p.parameters : [p.acctID ?? p.acctId ?? p.acctid, p.username, p.password];
    const { account } = options;
    if (acctId !== account.acctId || username !== account.username || password !== account.password) {
      return json({ Message: '用户名或密码错误！', MessageCode: null, LoginResultType: 0, Context: null, KDSVCSessionId: null, IsSuccessByAPI: false });
    }
    const sid = randomBytes(16).toString('hex');
    live.add(sid);
    return json(
      { Message: null, MessageCode: 'CheckPasswordPolicy', LoginResultType: LOGIN_SUCCESS, Context: { UserName: username, DBid: acctId }, KDSVCSessionId: sid, IsSuccessByAPI: true },
      { 'set-cookie': [`${SESSION_COOKIE}=${sid}; path=/; HttpOnly`, `ASP.NET_SessionId=${randomBytes(8).toString('hex')}; path=/; HttpOnly`] },
    );
  }

  function save(body: string): SimReply {
    saveCount++;
    const { formid, data } = readData(body);
    if (formid !== 'GL_VOUCHER') {
      return json(statusReply({ MsgCode: 11, Errors: [{ FieldName: 'formid', Message: `业务对象 ${String(formid)} 不存在`, DIndex: 0 }] }));
    }
    const model = data.Model as { FEntity?: Array<Record<string, unknown>> } | undefined;
    const entries = Array.isArray(model?.FEntity) ? model.FEntity : [];
    if (entries.length === 0) return json(statusReply({ MsgCode: 11, Errors: [{ FieldName: 'FEntity', Message: '凭证分录不能为空', DIndex: 0 }] }));
    let debit = new Decimal(0);
    let credit = new Decimal(0);
    for (const e of entries) {
      debit = debit.plus(String(e.FDEBIT ?? 0));
      credit = credit.plus(String(e.FCREDIT ?? 0));
    }
    if (!debit.equals(credit)) {
      return json(statusReply({ MsgCode: 11, Errors: [{ FieldName: 'FEntity', Message: `借贷不平衡：借方 ${debit.toFixed(2)}，贷方 ${credit.toFixed(2)}`, DIndex: 0 }] }));
    }
    const id = 100000 + saved.length + 1;
    const number = `记-${String(saved.length + 1).padStart(4, '0')}`;
    saved.push({ id, number, model: model as Record<string, unknown>, explanations: entries.map((e) => String(e.FEXPLANATION ?? '')) });
    return json({
      Result: {
        ResponseStatus: { IsSuccess: true, Errors: [], SuccessEntitys: [{ Id: id, Number: number, DIndex: 0 }], SuccessMessages: [], MsgCode: 0 },
        Id: id,
        Number: number,
        NeedReturnData: [{}],
      },
    });
  }

  const server = await startSimServer(
    options,
    (req) => {
      const service = serviceOf(req.path);
      const session = sessionOf(req);
      if (req.method !== 'POST' || service === 'other') return { status: 404, body: 'not a K/3 Cloud service' };
      try {
        if (service === 'login') return login(req.body);
        if (!session || !live.has(session)) return json(service === 'query' ? [[SESSION_LOST]] : SESSION_LOST);
        if (service === 'save') return save(req.body);
        const rows = runBillQuery(readData(req.body).data, saved);
        return json('error' in rows ? [[statusReply({ Errors: [{ FieldName: null, Message: rows.error, DIndex: 0 }] })]] : rows);
      } catch (err) {
        return json(statusReply({ Errors: [{ FieldName: null, Message: `JSON 格式错误：${(err as Error).message}`, DIndex: 0 }] }));
      }
    },
    (req) => serviceOf(req.path) === 'save',
    (req, fault) => received.push({ service: serviceOf(req.path), body: req.body, session: sessionOf(req), ...(fault ? { fault: fault.kind } : {}) }),
  );

  return {
    url: server.url,
    close: server.close,
    failNext: server.failNext,
    received,
    saved,
    get saveCount() {
      return saveCount;
    },
    expireSessions() {
      live.clear();
    },
  };
}
