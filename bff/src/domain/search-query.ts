/**
 * Turns what a customer typed into LIKE terms over products.search_text (Chinese, full pinyin
 * and initials precomputed at write time). Garbage is dropped rather than failing the search.
 */
const MAX_QUERY_LENGTH = 50;
const MAX_TERMS = 5;

export function searchTerms(raw: string | undefined): string[] {
  if (!raw) return [];
  const normalized = raw
    .normalize('NFKC')
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    // Keep letters (any script, so Chinese too), digits and a decimal point between two digits
    // ("15.6", as search_text keeps it: db/src/search-text.ts); everything else separates terms.
    .replace(/(?:[^\p{L}\p{N}.]|(?<!\p{N})\.|\.(?!\p{N}))+/gu, ' ')
    // "连衣裙lyq" is two terms: Chinese and pinyin never occur glued together in search_text.
    .replace(/(\p{Script=Han})(?=[a-z0-9])|([a-z0-9])(?=\p{Script=Han})/gu, '$1$2 ')
    .trim();
  if (!normalized) return [];
  return [...new Set(normalized.split(/\s+/))].slice(0, MAX_TERMS);
}

/** A LIKE pattern matching `term` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
