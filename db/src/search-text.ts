import { pinyin } from 'pinyin-pro';

/** products.search_text is VARCHAR(2048). */
export const SEARCH_TEXT_MAX_LENGTH = 2048;

const HAN = /\p{Script=Han}/u;
/**
 * Word boundaries inside a part: whitespace and common CJK / ASCII punctuation. A full stop is a
 * boundary except as a decimal point between two digits, so "15.6英寸" stays one word (15.6yingcun,
 * 15.6yc) instead of losing "15." to a boundary.
 */
const SEPARATORS = /(?:[\s,;:!?/|·•、，。；：！？（）()【】[\]「」《》<>"'“”‘’+&~-]|(?<!\d)\.|\.(?!\d))+/u;

/**
 * Builds products.search_text: the lower-cased Chinese text of every part, plus for every
 * Chinese word its full toneless pinyin without spaces and its initials.
 *
 * The catalogue searches with `search_text LIKE '%term%'`, so each term must appear as one
 * contiguous run: 法式碎花连衣裙 → "fashisuihualianyiqun" (matches "lianyi", a prefix a user
 * types before picking a candidate) and "fsshlyq" (matches "lyq"). Words are kept apart by a
 * space so a search never matches across two unrelated words by accident.
 *
 * ü is written `v` (nvzhuang), as Chinese pinyin keyboards type it. Parts are expected in
 * priority order (title first): when the 2048-char budget runs out the later terms are dropped.
 */
export function buildSearchText(parts: string[]): string {
  const terms: string[] = [];
  for (const part of parts) {
    const text = normalise(part);
    if (!text) continue;
    terms.push(text);
    for (const word of text.split(SEPARATORS)) {
      if (HAN.test(word)) terms.push(fullPinyin(word), initials(word));
    }
  }
  return joinWithinLimit(unique(terms), SEARCH_TEXT_MAX_LENGTH);
}

/** Full-width letters/digits become ASCII (ＴＩ → ti) so they match what users type. */
function normalise(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function fullPinyin(word: string): string {
  // nonZh 'consecutive' keeps "t" in "t恤" → "txu"; v: true writes ü as v.
  return pinyin(word, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('').toLowerCase();
}

function initials(word: string): string {
  return pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('').toLowerCase();
}

function unique(terms: string[]): string[] {
  return [...new Set(terms.filter((t) => t.length > 0))];
}

/** Joins whole terms with spaces, dropping the ones that no longer fit (never a half term). */
function joinWithinLimit(terms: string[], max: number): string {
  let out = '';
  for (const term of terms) {
    const next = out ? `${out} ${term}` : term;
    // Code points, because the column limit counts characters, not UTF-16 units.
    if ([...next].length > max) continue;
    out = next;
  }
  return out;
}

/**
 * The rows of product_search_grams for one search_text: every character and every pair of
 * neighbouring characters inside a term (terms are space-separated; no gram spans two). A query
 * term of n ≥ 2 characters can only be in a product that has all of its n − 1 pairs, so the pairs
 * find the few candidates through the index and `LIKE '%term%'` confirms them; a one-character term
 * is looked up as itself. Characters are code points, as SQL's SUBSTRING counts them (the backfill
 * in migration 0005 computes the same set in SQL).
 */
export function searchGrams(searchText: string): string[] {
  const grams = new Set<string>();
  for (const term of searchText.split(' ')) {
    const chars = [...term];
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]);
      if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return [...grams];
}

/** The grams a product must have to contain every query term (see searchGrams). */
export function queryGrams(terms: string[]): string[] {
  const grams = new Set<string>();
  for (const term of terms) {
    const chars = [...term];
    if (chars.length === 1) grams.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  }
  return [...grams];
}
