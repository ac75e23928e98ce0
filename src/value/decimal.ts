// Arithmetic on the decimal values numbers are written with, rounded to a double only at the end. cty computes with
// 512-bit floats, so `0.1 + 0.2` is 0.3 in Packer; plain doubles would give 0.30000000000000004. Taking each
// operand as the shortest decimal that reads back as the same double, and computing exactly (division to 40
// significant digits), gives Packer's results for the numbers people write.

interface Decimal {
  /** The value is digits * 10^exp. */
  digits: bigint;
  exp: number;
}

function toDecimal(n: number): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))!;
  const frac = m[3] ?? '';
  const digits = BigInt(`${m[1]}${m[2]}${frac}`);
  return { digits, exp: Number(m[4] ?? 0) - frac.length };
}

function toNumber(d: Decimal): number {
  return Number(`${d.digits}e${d.exp}`);
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.digits * 10n ** BigInt(a.exp - exp), b.digits * 10n ** BigInt(b.exp - exp), exp];
}

const DIVISION_DIGITS = 40;

function divide(a: Decimal, b: Decimal): Decimal {
  const [x, y] = align(a, b);
  const scale = 10n ** BigInt(DIVISION_DIGITS + y.toString().length);
  return { digits: (x * scale) / y, exp: -(DIVISION_DIGITS + y.toString().length) };
}

/** `a op b` for + - * / %, as cty computes it (x % 0 is x; the remainder has the sign of the dividend). */
export function decimalArithmetic(op: '+' | '-' | '*' | '/' | '%', a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || (op === '/' && b === 0)) {
    return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : b === 0 ? a : a % b;
  }
  const x = toDecimal(a);
  const y = toDecimal(b);
  switch (op) {
    case '+':
    case '-': {
      const [p, q, exp] = align(x, y);
      return toNumber({ digits: op === '+' ? p + q : p - q, exp });
    }
    case '*':
      return toNumber({ digits: x.digits * y.digits, exp: x.exp + y.exp });
    case '/':
      return toNumber(divide(x, y));
    case '%': {
      if (b === 0) return a;
      const [p, q, exp] = align(x, y);
      return toNumber({ digits: p % q, exp });
    }
  }
}
