/**
 * Money for simulated claims, held as whole fen (1/100 yuan) in safe integers: every sum and split is integer
 * arithmetic, so no amount ever passes through a binary fraction. Texts are written the ways claimants and OA
 * systems write them.
 */

/** Fen as yuan with exactly two decimals: 128000 → "1280.00". */
export function yuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`money in fen must be a safe whole number, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** The shortest exact text: 128000 → "1280", 123450 → "1234.5", 10569 → "105.69" (how Feishu writes JSON numbers). */
export function shortYuan(fen: number): string {
  const text = yuan(fen);
  if (text.endsWith('.00')) return text.slice(0, -3);
  return text.endsWith('0') ? text.slice(0, -1) : text;
}

/** The VAT contained in a gross amount at `ratePct` percent, to the nearest fen (half up), by integer arithmetic. */
export function includedVat(grossFen: number, ratePct: number): number {
  // gross × r / (100 + r), rounded half up: (2·gross·r + (100 + r)) div (2·(100 + r)).
  return Math.floor((2 * grossFen * ratePct + (100 + ratePct)) / (2 * (100 + ratePct)));
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** Four digits (0–9999) in capitals, with the zeros a cheque writer keeps ("壹仟零陆拾"). */
function group(n: number): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[p];
  }
  return out;
}

/**
 * The amount in Chinese capitals (大写) as OA forms show it beside a money field: 249600 → "贰仟肆佰玖拾陆元整",
 * 10569 → "壹佰零伍元陆角玖分". Shown only; no check reads it.
 */
export function capitalYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) return '';
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let text = '';
  if (whole > 0) {
    const groups: number[] = [];
    for (let w = whole; w > 0; w = Math.floor(w / 10000)) groups.push(w % 10000);
    for (let g = groups.length - 1; g >= 0; g--) {
      if (groups[g] === 0) continue;
      if (text && groups[g] < 1000) text += '零';
      text += group(groups[g]) + BIG_UNITS[g];
    }
    text += '元';
  }
  if (jiao === 0 && fenDigit === 0) return (text || '零元') + '整';
  if (jiao > 0) text += DIGITS[jiao] + '角';
  else if (whole > 0) text += '零';
  if (fenDigit > 0) text += DIGITS[fenDigit] + '分';
  return text;
}
