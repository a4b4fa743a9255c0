/** Sales counts as Chinese shops show them: 9999 → "9999", 12345 → "1.2万". */
export function formatCount(count: number): string {
  if (count < 10_000) return String(count)
  const wan = Math.floor(count / 1_000) / 10
  return `${wan}万`
}
