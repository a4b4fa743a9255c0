/** Sales counts as Chinese shops show them: 9999 → "9999", 12345 → "1.2万". */
export function formatCount(count: number): string {
  if (count < 10_000) return String(count);
  const wan = Math.floor(count / 1_000) / 10;
  return `${wan}万`;
}

/** Distance to a store as shops show it: 850 → "850m", 1234 → "1.2km", 23456 → "23km". */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.max(0, Math.round(meters))}m`;
  const km = meters / 1000;
  return km < 10 ? `${(Math.round(km * 10) / 10).toFixed(1)}km` : `${Math.round(km)}km`;
}

/** A fen amount as the text of a yuan input box: 1990 → "19.9", 2000 → "20". */
export function fenToYuanInput(fen: number): string {
  return String(fen / 100);
}
