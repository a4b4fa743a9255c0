/** Formats integer fen as yuan with two decimals: 1290 → "12.90", -5 → "-0.05". */
export function formatFen(fen: number): string {
  if (!Number.isInteger(fen)) throw new RangeError(`fen must be an integer, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}${Math.floor(abs / 100)}.${cents}`
}
