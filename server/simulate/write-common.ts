/** What the format writers share: the written claim, copying a sample, China-time stamps. */

export interface WrittenClaim {
  /** The instance exactly as the vendor's API returns it (the body a webhook sends). */
  bodyText: string;
  instanceId: string;
  /** DingTalk businessId, Feishu serial_number, WeCom sp_no. */
  oaReference: string;
}

/** A deep copy of a parsed sample: each claim is written on its own copy. */
export const clone = <T>(value: T): T => structuredClone(value);

/** The instant in China time as YYYYMMDDHHmmss: the prefix the vendors give their running numbers. */
export function chinaStamp(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Fen of a decimal text with at most two decimals, or NaN (a faulty total is shown, never summed). */
export function fenOfValid(text: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
}
