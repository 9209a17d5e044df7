/** OA connectors: vendor approval payloads → FormRecord (pure; no I/O). */
import { dingtalkConnector } from './dingtalk';
import { feishuConnector } from './feishu';
import { genericConnector } from './generic';
import { parseJson } from './lib/json';
import type { Connector, ConnectorId } from './types';
import { wecomConnector } from './wecom';

export type { Connector, ConnectorId, ConnectorOptions, NormalizeResult, ShapeError } from './types';
export { isShapeError } from './types';
export { dingtalkConnector, feishuConnector, wecomConnector, genericConnector };
export { GenericConfigSchema, parseGenericConfig, type GenericConfig, type GenericConfigInput } from './generic';

export const CONNECTORS: Readonly<Record<ConnectorId, Connector>> = Object.freeze({
  dingtalk: dingtalkConnector,
  feishu: feishuConnector,
  wecom: wecomConnector,
  generic: genericConnector,
});

export function getConnector(id: ConnectorId): Connector;
export function getConnector(id: string): Connector | undefined;
export function getConnector(id: string): Connector | undefined {
  return Object.prototype.hasOwnProperty.call(CONNECTORS, id) ? CONNECTORS[id as ConnectorId] : undefined;
}

export const MAX_PAYLOAD_BYTES = 5 * 1024 * 1024;

/** `position`: the character (after a byte-order mark) where the text stops being JSON, when there is one. */
export type JsonPayloadResult = { ok: true; value: unknown } | { ok: false; error: { kind: 'json'; message: string; position?: number } };

/** UTF-8 length without allocating: code units ≤ bytes ≤ 3 × code units. */
function utf8Length(s: string, stopAfter: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= stopAfter; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Parses a request body as JSON, losslessly: every JSON number is a `LosslessNumber` keeping its source text,
 * so an amount such as 12345678901234567.89 reaches the FormRecord with every digit. Refuses bodies above
 * 5 MB and says where the JSON breaks. Never throws.
 */
export function parseJsonPayload(text: string): JsonPayloadResult {
  if (typeof text !== 'string') return { ok: false, error: { kind: 'json', message: 'not JSON: the body is not text' } };
  if (text.length > MAX_PAYLOAD_BYTES || (text.length * 3 > MAX_PAYLOAD_BYTES && utf8Length(text, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES)) {
    return { ok: false, error: { kind: 'json', message: `not JSON: the body is larger than 5 MB (limit ${MAX_PAYLOAD_BYTES} bytes)` } };
  }
  // A UTF-8 byte-order mark (files saved by Windows editors) is not part of the JSON.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: { kind: 'json', message: 'not JSON: empty body at position 0', position: 0 } };
  const p = parseJson(body);
  return p.ok ? { ok: true, value: p.value } : { ok: false, error: { kind: 'json', message: `not JSON: ${p.reason} at position ${p.position}`, position: p.position } };
}
