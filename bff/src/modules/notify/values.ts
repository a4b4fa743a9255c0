import { shanghaiIso } from '../../domain/shanghai';

/**
 * Subscribe-message keyword values. WeChat checks each value against its keyword's type (thing1 is
 * a `thing`) and rejects the whole message (47003) when one breaks the rules, so every value is
 * shaped here rather than trusted.
 */

const THING_MAX = 20;
const CHARACTER_STRING_MAX = 32;

/** `thing`: at most 20 characters, never empty; longer text keeps 19 and ends with …. */
export function thing(text: string, fallback: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return fallback;
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`;
}

/** `character_string`: at most 32 printable ASCII characters (order numbers, codes). */
export function characterString(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, CHARACTER_STRING_MAX);
}

/** `amount`: yuan with two decimals and 元, e.g. 5900 fen → "59.00元". */
export function amount(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${yuan}.${cents}元`;
}

/** `time`: Asia/Shanghai to the minute, the way WeChat's own examples write it: "2026年11月22日 15:00". */
export function shanghaiMinute(at: Date): string {
  const [date, clock] = shanghaiIso(at).split('T');
  const [year, month, day] = date.split('-');
  return `${year}年${month}月${day}日 ${clock.slice(0, 5)}`;
}
