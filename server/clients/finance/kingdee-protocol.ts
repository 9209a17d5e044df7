/**
 * The parts of the K/3 Cloud Web API the Kingdee client and its simulator share: service paths, reply shapes and
 * how an OA reference is recognised in a voucher's summaries.
 */

export const KINGDEE_SERVICE = {
  login: 'Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc',
  save: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc',
  query: 'Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc',
} as const;

/** LoginResultType 1 is a completed login; other values are refusals (wrong password, locked user, licence). */
export const LOGIN_SUCCESS = 1;

/** ResponseStatus.MsgCode values that change what we do (vendor-notes §3.1). */
export const MSG_CODE = { sessionLost: 1, networkControlConflict: 13, callLimit: 14 } as const;
const SESSION_LOST_TEXT = /会话信息已丢失|会话已失效|session.*(lost|expired)/i;

export interface KingdeeResponseStatus {
  ErrorCode?: number | string;
  IsSuccess?: boolean | string;
  MsgCode?: number | string;
  Errors?: Array<{ FieldName?: string | null; Message?: string | null; DIndex?: number }>;
  SuccessEntitys?: Array<{ Id?: number | string; Number?: string | null; DIndex?: number }>;
}

/** `Result.ResponseStatus` of a Save reply, or of the error reply of any other service (which may come wrapped in arrays). */
export function responseStatusOf(reply: unknown): KingdeeResponseStatus | null {
  let node: unknown = reply;
  // ExecuteBillQuery answers errors as [[{ "Result": { "ResponseStatus": … } }]].
  while (Array.isArray(node) && node.length > 0) node = node[0];
  if (node === null || typeof node !== 'object') return null;
  const result = (node as { Result?: unknown }).Result;
  if (result === null || typeof result !== 'object') return null;
  const status = (result as { ResponseStatus?: unknown }).ResponseStatus;
  return status !== null && typeof status === 'object' ? (status as KingdeeResponseStatus) : null;
}

export function isSuccess(status: KingdeeResponseStatus): boolean {
  // Seen as a JSON boolean and as the string "true" (SOURCES.md).
  return status.IsSuccess === true || status.IsSuccess === 'true';
}

export function msgCode(status: KingdeeResponseStatus): number {
  return Number(status.MsgCode ?? 0);
}

export function isSessionLost(status: KingdeeResponseStatus): boolean {
  return msgCode(status) === MSG_CODE.sessionLost || (status.Errors ?? []).some((e) => SESSION_LOST_TEXT.test(e.Message ?? ''));
}

/** Kingdee's own messages, field by field, as the integrator needs them to fix the mapping or the base data. */
export function errorMessages(status: KingdeeResponseStatus): string {
  const lines = (status.Errors ?? []).map((e) => [e.FieldName, e.Message].filter(Boolean).join(': ')).filter(Boolean);
  return lines.length > 0 ? lines.join('; ') : `IsSuccess false, MsgCode ${status.MsgCode ?? '?'}`;
}

/**
 * Whether `text` carries `reference` as a whole token: "报销款 202503140912000286417" does, but a longer number that
 * merely contains it ("2025031409120002864170") does not, so one claim's voucher is never taken for another's.
 */
export function carriesReference(text: string, reference: string): boolean {
  if (!reference) return false;
  let from = 0;
  for (;;) {
    const at = text.indexOf(reference, from);
    if (at < 0) return false;
    const before = text[at - 1];
    const after = text[at + reference.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[0-9A-Za-z]/.test(ch);
}

/** A value inside a single-quoted FilterString literal: quotes doubled (SQL's own escape). */
export function filterLiteral(value: string): string {
  return value.replace(/'/g, "''");
}
