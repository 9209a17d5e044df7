import { KINGDEE_FORM_ID, kingdeeSaveEnvelope } from '../../ledgers/kingdee';
import { classifyOutbound, keepResponseText, type ClassifiedOutcome } from '../delivery-outcome';
import type { OutboundResult } from '../http';
import {
  KINGDEE_SERVICE,
  MSG_CODE,
  carriesReference,
  errorMessages,
  filterLiteral,
  isSessionLost,
  isSuccess,
  msgCode,
  responseStatusOf,
  type KingdeeResponseStatus,
} from './kingdee-protocol';
import { KingdeeSession, type KingdeeTargetConfig } from './kingdee-session';
import type { DeliveryAttemptResult, FinanceClient, FinanceDelivery } from './types';

export type { KingdeeTargetConfig } from './kingdee-session';

/**
 * K/3 Cloud Web API client: ValidateUser, then Save of GL_VOUCHER in the `{"formid","data"}` envelope around the
 * Save object `ledgerlink map` prints. When a previous Save's outcome is unknown, the voucher is looked for first
 * (ExecuteBillQuery) so a Save that committed is never sent twice.
 *
 * Where the OA reference is: our Kingdee serialiser writes the voucher's reference in no header field (GL_VOUCHER
 * has no documented external-id field); the demo mappings put it in the summary (FEXPLANATION) of the payable line.
 * The lookup therefore searches the summaries, and refuses to guess when the document's summaries do not carry
 * the reference at all.
 */

const QUERY_FIELDS = ['FVOUCHERID', 'FBillNo', 'FEXPLANATION', 'FVOUCHERGROUPID.FName', 'FVOUCHERGROUPNO'] as const;

export function createKingdeeClient(config: KingdeeTargetConfig): FinanceClient {
  const session = new KingdeeSession(config);
  return { deliver: (d) => deliverToKingdee(session, d) };
}

async function deliverToKingdee(session: KingdeeSession, d: FinanceDelivery): Promise<DeliveryAttemptResult> {
  const started = performance.now();
  const done = (r: ClassifiedOutcome & { voucherNumber?: string }): DeliveryAttemptResult => ({ ...r, durationMs: Math.round(performance.now() - started) });

  let envelope: string;
  try {
    envelope = kingdeeSaveEnvelope(d.documentText);
  } catch (err) {
    return done({ outcome: 'dead', error: `the document is not a Kingdee Save object: ${(err as Error).message}` });
  }
  // A failure before the Save leaves an unknown outcome unknown: the next attempt must still look first.
  const stillUnknown = (c: ClassifiedOutcome): ClassifiedOutcome => (d.outcomeUnknown && c.outcome === 'retry' ? { ...c, outcome: 'unknown' } : c);

  if (!session.loggedIn) {
    const login = await session.login();
    if (!login.ok) return done(stillUnknown(login.failure));
  }

  // One re-login per attempt: a session that is lost again straight after a fresh login is Kingdee's problem.
  let relogged = false;
  const call = async (service: string, body: string): Promise<Answer | ClassifiedOutcome> => {
    let answer = await post(session, service, body);
    if ('result' in answer && answer.status && isSessionLost(answer.status) && !relogged) {
      relogged = true;
      const login = await session.login();
      if (!login.ok) return login.failure;
      answer = await post(session, service, body);
    }
    return answer;
  };

  if (d.outcomeUnknown) {
    if (!summariesOf(d.documentText).some((s) => carriesReference(s, d.oaReference))) {
      return done({
        outcome: 'dead',
        error:
          `a previous Save may have committed, but no summary (FEXPLANATION) of this voucher carries the OA reference ` +
          `"${d.oaReference}", so Kingdee cannot be asked for it: check GL_VOUCHER in Kingdee before replaying`,
      });
    }
    const found = await findVoucher(call, d.oaReference);
    if (found.outcome !== 'absent') return done(found.outcome === 'retry' ? stillUnknown(found) : found);
  }

  const saved = await call(KINGDEE_SERVICE.save, envelope);
  return done('result' in saved ? interpretSave(saved) : saved);
}

interface Answer {
  result: OutboundResult;
  classified: ClassifiedOutcome;
  /** The reply as JSON, when it is JSON. */
  json?: unknown;
  status?: KingdeeResponseStatus | null;
}

async function post(session: KingdeeSession, service: string, body: string): Promise<Answer> {
  const result = await session.post(service, body);
  const classified = classifyOutbound(result);
  if (result.kind !== 'response' || classified.outcome !== 'delivered') return { result, classified };
  try {
    const json: unknown = JSON.parse(result.bodyText);
    return { result, classified, json, status: responseStatusOf(json) };
  } catch {
    return { result, classified };
  }
}

function interpretSave(a: Answer): ClassifiedOutcome & { voucherNumber?: string } {
  const { classified } = a;
  if (classified.outcome !== 'delivered') return classified;
  const kept = { httpStatus: classified.httpStatus, responseText: classified.responseText };
  if (!a.status) {
    // Kingdee took the Save and answered something we cannot read: it may or may not have booked it.
    return { outcome: 'unknown', ...kept, error: 'Kingdee answered the Save with a reply that is not a Save result' };
  }
  if (isSessionLost(a.status)) return { outcome: 'retry', ...kept, error: `Kingdee lost the session again after a new login: ${errorMessages(a.status)}` };
  if (isSuccess(a.status)) {
    const entity = a.status.SuccessEntitys?.[0];
    const number = entity?.Number ?? (a.json as { Result?: { Number?: string } }).Result?.Number;
    return { outcome: 'delivered', ...kept, ...(number ? { voucherNumber: String(number) } : {}) };
  }
  const code = msgCode(a.status);
  // 网控冲突 (someone else holds the record) and the call limit pass by themselves; anything else is the voucher.
  if (code === MSG_CODE.networkControlConflict || code === MSG_CODE.callLimit) {
    return { outcome: 'retry', ...kept, error: `Kingdee is busy (MsgCode ${code}): ${errorMessages(a.status)}` };
  }
  return { outcome: 'dead', ...kept, error: `Kingdee refused the voucher: ${errorMessages(a.status)}` };
}

type Lookup = (ClassifiedOutcome & { voucherNumber?: string }) | { outcome: 'absent' };

/** ExecuteBillQuery for a GL_VOUCHER whose summary carries the reference: one voucher → delivered with its number. */
async function findVoucher(call: (service: string, body: string) => Promise<Answer | ClassifiedOutcome>, reference: string): Promise<Lookup> {
  const query = {
    FormId: KINGDEE_FORM_ID,
    FieldKeys: QUERY_FIELDS.join(','),
    FilterString: `FEXPLANATION like '%${filterLiteral(reference)}%'`,
    OrderString: '',
    TopRowCount: 0,
    StartRow: 0,
    Limit: 200,
  };
  const a = await call(KINGDEE_SERVICE.query, JSON.stringify({ data: JSON.stringify(query) }));
  if (!('result' in a)) return a;
  if (a.classified.outcome !== 'delivered') return a.classified;
  const kept = { httpStatus: a.classified.httpStatus, responseText: a.classified.responseText };
  if (a.status) {
    if (isSessionLost(a.status)) return { outcome: 'retry', ...kept, error: 'Kingdee lost the session again while looking for the voucher' };
    return { outcome: 'dead', ...kept, error: `Kingdee could not be asked whether the voucher was already saved: ${errorMessages(a.status)}` };
  }
  if (!Array.isArray(a.json)) return { outcome: 'retry', ...kept, error: 'Kingdee answered the voucher lookup with a reply that is not a list of rows' };

  // Entry fields make one row per matching entry: collect distinct vouchers whose summary truly carries the reference
  // (LIKE also matches longer references, and `_`/`%` in a reference are wildcards to the database).
  const vouchers = new Map<string, string>();
  for (const row of a.json) {
    if (!Array.isArray(row)) continue;
    const [id, billNo, explanation, groupName, groupNo] = row as unknown[];
    if (typeof explanation !== 'string' || !carriesReference(explanation, reference)) continue;
    const number = billNo ? String(billNo) : groupName ? `${String(groupName)}-${String(groupNo ?? '')}` : String(id);
    vouchers.set(String(id), number);
  }
  if (vouchers.size === 0) return { outcome: 'absent' };
  const numbers = [...vouchers.values()];
  if (vouchers.size > 1) {
    return { outcome: 'dead', ...kept, error: `${vouchers.size} Kingdee vouchers carry the OA reference "${reference}" (${numbers.join(', ')}): check them before anything is sent` };
  }
  return { outcome: 'delivered', ...kept, voucherNumber: numbers[0], responseText: keepResponseText(`found by ExecuteBillQuery, not saved again: ${a.result.kind === 'response' ? a.result.bodyText : ''}`) };
}

function summariesOf(saveObjectJson: string): string[] {
  try {
    const entries = (JSON.parse(saveObjectJson) as { Model?: { FEntity?: Array<{ FEXPLANATION?: unknown }> } }).Model?.FEntity;
    return Array.isArray(entries) ? entries.map((e) => (typeof e?.FEXPLANATION === 'string' ? e.FEXPLANATION : '')) : [];
  } catch {
    return [];
  }
}
