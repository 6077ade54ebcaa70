// CPLEX LP text for HiGHS, shared by the MILP oracles of tests and benchmarks.

/** Joins terms, a few to a line (LP readers dislike very long lines). */
export function wrap(terms: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '));
  return lines.join('\n   ');
}

/** A coefficient as LP text: integers as they are, others with 15 significant digits. */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(15);
}
