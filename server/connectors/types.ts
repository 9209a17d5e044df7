import type { FormRecord, FormTemplate, OaSystem } from '../engine/form-record';

/** One connector per OA system (the list is OA_SYSTEMS in the engine's form-record). */
export type ConnectorId = OaSystem;

/** The payload lacks the shape its connector reads; `path` is a JSON path like `$.result.finishTime`. */
export interface ShapeError {
  kind: 'shape';
  path: string;
  message: string;
}

export type NormalizeResult = { ok: true; record: FormRecord } | { ok: false; error: ShapeError };

export interface ConnectorOptions {
  /** The instance id the caller already knows (from the callback or the URL it fetched). Wins over the body. */
  instanceId?: string;
  /** DingTalk instance bodies carry no process code: pass it here to fill `templateCode`. */
  templateCode?: string;
  /** Generic connector only: a GenericConfig (validated; an invalid one is a ShapeError at `config…`). */
  config?: unknown;
}

export interface Connector {
  id: ConnectorId;
  label: { zh: string; en: string };
  /** Never throws, whatever the payload. */
  normalize(payload: unknown, options?: ConnectorOptions): NormalizeResult;
  /** The form's fields as seen in a sample instance (status and times are not required here). Never throws. */
  inferTemplate(payload: unknown, options?: ConnectorOptions): FormTemplate | ShapeError;
}

export function isShapeError(v: unknown): v is ShapeError {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'shape';
}
