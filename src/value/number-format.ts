// Numbers as text, the way cty and Packer write and read them. Values hold IEEE doubles, so digits are
// the shortest ones that identify the double (cty keeps 512-bit floats; results of inexact arithmetic
// such as 1/3 therefore print with fewer digits here than in Packer).

/** Shortest decimal digits of |n| (finite, non-zero) and the position of the decimal point: |n| = 0.DIGITS × 10^point. */
function splitDecimal(n: number): { digits: string; point: number } {
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  return { digits, point: Number(exponent) + 1 };
}

function formatSpecial(n: number): string | undefined {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return '0';
  return undefined;
}

/**
 * A number converted to a string, as cty does (Go's big.Float 'f' format with the fewest digits): `43`,
 * `1.5`, `1000000000000000000000` for 1e21, `0.0000002` for 2e-7. This is what string interpolation,
 * `join` and `jsonencode` produce.
 */
export function formatNumber(n: number): string {
  const special = formatSpecial(n);
  if (special !== undefined) return special;
  const sign = n < 0 ? '-' : '';
  const { digits, point } = splitDecimal(n);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const INT64_LIMIT = 2 ** 63;

/**
 * A number as `packer console` shows it: integers that fit in 64 bits in full, anything else as Go's
 * `%g` (`1e+21`, `2e-07`, `1.2345675e+06`, `0.3333333333333333`, `+Inf`).
 */
export function formatNumberForDisplay(n: number): string {
  const special = formatSpecial(n);
  if (special !== undefined) return special;
  if (Number.isInteger(n) && Math.abs(n) < INT64_LIMIT) return BigInt(n).toString();
  const sign = n < 0 ? '-' : '';
  const { digits, point } = splitDecimal(n);
  const exp = point - 1;
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return formatNumber(n);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:([eE])[+-]?\d+|([pP])([+-]?\d+))?$/;
const INFINITY = /^([+-]?)[Ii]nf$/;

/**
 * Reads a number written as a string, as cty's string-to-number conversion does (Go's big.ParseFloat in
 * base 10): optional sign, digits with an optional point, optional `e` (decimal) or `p` (binary) exponent,
 * or `Inf`. No spaces, underscores or `0x` prefixes. Returns undefined when the text is not a number.
 */
export function parseNumber(text: string): number | undefined {
  const inf = INFINITY.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  if (m[2] !== undefined) {
    const mantissa = Number(text.slice(0, text.length - m[2].length - m[3]!.length));
    return mantissa * 2 ** Number(m[3]);
  }
  return Number(text);
}
