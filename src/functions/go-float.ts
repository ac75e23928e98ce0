// Numbers formatted the way Go's fmt package formats floats (%e, %f, %g), for format() and formatlist().

/** Decimal digits of |n| (finite, non-zero) rounded to `sig` significant digits (all digits when undefined), and its exponent. */
function decimalDigits(n: number, sig?: number): { digits: string; exp: number } {
  const [m, e] = (sig === undefined ? Math.abs(n).toExponential() : Math.abs(n).toExponential(Math.max(0, sig - 1))).split('e') as [
    string,
    string,
  ];
  return { digits: m.replace('.', ''), exp: Number(e) };
}

function expSuffix(exp: number, upper: boolean): string {
  const a = Math.abs(exp);
  return `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}

/** Go's %e body (without sign) for a finite number, with `prec` digits after the point. */
export function goExponent(n: number, prec: number, upper = false): string {
  if (n === 0) return `${prec > 0 ? '0.' + '0'.repeat(prec) : '0'}${expSuffix(0, upper)}`;
  const { digits, exp } = decimalDigits(n, prec + 1);
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1)}` : digits[0]!;
  return mant + expSuffix(exp, upper);
}

/** Go's %f body (without sign) for a finite number. */
export function goFixed(n: number, prec: number): string {
  const a = Math.abs(n);
  if (a < 1e21) return a.toFixed(prec);
  // toFixed switches to exponent notation here; build the digits exactly.
  const int = BigInt(a).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

/** Go's %g body (without sign): shortest digits when `prec` is undefined, else `prec` significant digits. */
export function goGeneral(n: number, prec?: number, upper = false): string {
  if (n === 0) return '0';
  const p = prec === 0 ? 1 : prec;
  const { digits: raw, exp } = decimalDigits(n, p);
  const digits = raw.replace(/0+$/, '') || '0';
  const eprec = p === undefined ? 6 : p > digits.length && digits.length >= exp + 1 ? digits.length : p;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return mant + expSuffix(exp, upper);
  }
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (exp + 1 >= digits.length) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
