/** The most recent searches first, each once, at most `max`; blank words are ignored. */
export function pushHistory(history: readonly string[], word: string, max = 10): string[] {
  const term = word.trim();
  if (!term) return history.slice(0, max);
  return [term, ...history.filter((item) => item !== term)].slice(0, max);
}
