import { pinyin } from 'pinyin-pro';

/**
 * Matching for 搜索联想 (GET /api/search/suggest, docs/decisions/0011): what the customer has typed
 * so far against a phrase of the catalogue (a product name, a brand, a category name), the way a
 * Chinese shop's search box does it. The typed text matches from the start of any character of a
 * word of the phrase, in one of three readings:
 *
 * - the characters themselves: "羽绒" in 轻薄羽绒夹克;
 * - full toneless pinyin, the last syllable possibly unfinished: "yu", "yur", "yurong" → 羽绒;
 * - initials, one letter a character: "lyq" → 连衣裙.
 *
 * Each is a contiguous run of the word's text, full pinyin or initials, which is exactly what
 * products.search_text stores (db/src/search-text.ts, same pinyin options: ü as v), so the gram
 * index finds every product that can match and this code only decides which phrases do and where.
 * A match at a syllable boundary only: "ong" does not match 绒 (rong), as no customer types that.
 */

export type SuggestMatch = {
  /** The matched characters, as UTF-16 offsets into the phrase (for the page's highlight). */
  start: number;
  end: number;
  /** The match begins the phrase (ranked before a match inside it). */
  atStart: boolean;
  /**
   * The typed text ends with a whole syllable (or is characters or initials): "yu" is whole on 羽
   * and unfinished on 圆 (yuan), and the customer more likely means 羽.
   */
  whole: boolean;
};

const MAX_NEEDLE_LENGTH = 50;

/**
 * What is matched for the raw query: NFKC (full-width → ASCII), lower case, letters and digits only
 * (a decimal point between digits kept, as search_text keeps it). Spaces are dropped too: 羽绒 夹克
 * looks for 羽绒夹克. Empty when nothing usable is left.
 */
export function suggestNeedle(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(?:[^\p{L}\p{N}.]|(?<!\p{N})\.|\.(?!\p{N}))+/gu, '')
    .slice(0, MAX_NEEDLE_LENGTH);
}

type Char = {
  /** Offset of the character in the phrase (UTF-16). */
  offset: number;
  length: number;
  /** Its text as matched: NFKC, lower case. */
  text: string;
  /** Full toneless pinyin of a Han character; the text itself otherwise. */
  pinyin: string;
  /** Its first letter for a Han character; the text itself otherwise. */
  initial: string;
};

const HAN = /\p{Script=Han}/u;
/** Word boundaries (as db/src/search-text.ts): whitespace and CJK / ASCII punctuation; a dot only outside a decimal. */
const SEPARATOR = /[\s,;:!?/|·•、，。；：！？（）()【】[\]「」《》<>"'“”‘’+&~-]/u;

/** The words of a phrase, each a list of its characters with their readings. */
export function phraseWords(phrase: string): Char[][] {
  const chars: { offset: number; raw: string; text: string }[] = [];
  let offset = 0;
  for (const raw of phrase) {
    chars.push({ offset, raw, text: raw.normalize('NFKC').toLowerCase() });
    offset += raw.length;
  }
  const words: { offset: number; raw: string; text: string }[][] = [];
  let current: typeof chars = [];
  chars.forEach((char, index) => {
    const decimalPoint = char.text === '.' && /\d/.test(chars[index - 1]?.text ?? '') && /\d/.test(chars[index + 1]?.text ?? '');
    if (SEPARATOR.test(char.text) || (char.text === '.' && !decimalPoint)) {
      if (current.length) words.push(current);
      current = [];
    } else current.push(char);
  });
  if (current.length) words.push(current);
  return words.map((word) => withReadings(word));
}

function withReadings(word: { offset: number; raw: string; text: string }[]): Char[] {
  const text = word.map((char) => char.text).join('');
  const plain = (char: (typeof word)[number]): Char => ({
    offset: char.offset,
    length: char.raw.length,
    text: char.text,
    pinyin: char.text,
    initial: char.text,
  });
  if (!HAN.test(text)) return word.map(plain);
  // The whole word at once, so a polyphonic character reads as it does in context (and as stored).
  const readings = pinyin(text, { toneType: 'none', type: 'array', v: true }).map((reading) => reading.toLowerCase());
  // One reading per character is what pinyin-pro gives; anything else reads the word as plain text.
  if (readings.length !== word.length) return word.map(plain);
  return word.map((char, index) => {
    if (!HAN.test(char.text)) return plain(char);
    const reading = readings[index] || char.text;
    return { offset: char.offset, length: char.raw.length, text: char.text, pinyin: reading, initial: reading.slice(0, 1) };
  });
}

/**
 * Where `needle` (from suggestNeedle) matches `phrase`: the earliest place it matches with whole
 * syllables, else the earliest with an unfinished last one; null when it does not match.
 */
export function matchSuggestion(phrase: string, needle: string): SuggestMatch | null {
  if (!needle) return null;
  const words = phraseWords(phrase);
  let firstWord = true;
  let unfinished: SuggestMatch | null = null;
  for (const word of words) {
    for (let i = 0; i < word.length; i++) {
      const found = matchFrom(word, i, needle);
      if (found) {
        const last = word[i + found.count - 1];
        const match = { start: word[i].offset, end: last.offset + last.length, atStart: firstWord && i === 0, whole: found.whole };
        if (match.whole) return match;
        unfinished ??= match;
      }
    }
    firstWord = false;
  }
  return unfinished;
}

/**
 * How many characters from `word[i]` the needle covers in one reading, and whether it ends on a
 * whole syllable; null when no reading matches. A whole-syllable reading wins over an unfinished one.
 */
function matchFrom(word: Char[], i: number, needle: string): { count: number; whole: boolean } | null {
  let unfinished: { count: number; whole: boolean } | null = null;
  for (const reading of ['text', 'pinyin', 'initial'] as const) {
    let rest = needle;
    let j = i;
    let whole = true;
    while (rest && j < word.length) {
      const part = word[j][reading];
      if (rest.startsWith(part)) {
        rest = rest.slice(part.length);
        j++;
      } else if (reading === 'pinyin' && part.startsWith(rest)) {
        // An unfinished last syllable: "yur" is on its way to 羽绒.
        rest = '';
        whole = false;
        j++;
      } else break;
    }
    if (rest) continue;
    if (whole) return { count: j - i, whole };
    unfinished ??= { count: j - i, whole };
  }
  return unfinished;
}
