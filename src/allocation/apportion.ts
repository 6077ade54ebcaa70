const EXACT = 2 ** 53;

/**
 * Splits `units` among `lines` in proportion to `demand[k]`, by largest remainder: each line gets
 * ⌊units × d / D⌋, and the units left over go one each to the largest remainders, ties to the line
 * listed first. A line never gets more than it wants; when every line can have what it wants, it
 * does. The arithmetic is exact (integers, BigInt past 2^53). Adds the shares to `out[k]`; returns
 * the units given.
 */
export function apportion(lines: readonly number[], demand: Float64Array, units: number, out: Float64Array): number {
  let total = 0;
  for (const k of lines) total += demand[k]!;
  if (total <= units) {
    for (const k of lines) out[k] = out[k]! + demand[k]!;
    return total;
  }
  if (units <= 0) return 0;
  const remainder = new Float64Array(lines.length);
  let given = 0;
  lines.forEach((k, j) => {
    const [share, rest] = divide(units, demand[k]!, total);
    out[k] = out[k]! + share;
    remainder[j] = rest;
    given += share;
  });
  const left = units - given;
  if (left > 0) {
    const ranked = lines.map((_, j) => j).sort((a, b) => remainder[b]! - remainder[a]! || a - b);
    for (let r = 0; r < left; r++) {
      const k = lines[ranked[r]!]!;
      out[k] = out[k]! + 1;
    }
  }
  return units;
}

/** ⌊a × b / d⌋ and (a × b) mod d, exactly, for non-negative integers. */
function divide(a: number, b: number, d: number): [number, number] {
  const product = a * b;
  if (product < EXACT) {
    let q = Math.floor(product / d);
    let r = product - q * d;
    if (r < 0) {
      q -= 1;
      r += d;
    } else if (r >= d) {
      q += 1;
      r -= d;
    }
    return [q, r];
  }
  const big = BigInt(a) * BigInt(b);
  const bd = BigInt(d);
  return [Number(big / bd), Number(big % bd)];
}
