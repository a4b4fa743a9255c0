/** Formats integer fen as yuan with two decimals: 1290 → "12.90", -5 → "-0.05". */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`fen must be an integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${Math.floor(abs / 100)}.${cents}`;
}

/**
 * What a customer typed into a price box (yuan: "12", "12.5", ".5") as fen, or null when the
 * box is empty or does not hold a price. Digits after the second decimal are cut, not rounded.
 */
export function yuanToFen(input: string): number | null {
  const match = /^(\d{0,7})(?:\.(\d*))?$/.exec(input.trim());
  if (!match || (match[1] === '' && !match[2])) return null;
  const [, yuan, decimals = ''] = match;
  return Number(yuan || '0') * 100 + Number(decimals.padEnd(2, '0').slice(0, 2));
}
