/**
 * 会员号: the number people see and read out for a member (我的, profile, 会员码 pages; the till
 * looks a member up by it), never the internal id (docs/domain.md#member-number). Ten digits:
 * "8", the id through a fixed 4-round Feistel permutation of 0 … 10^8 − 1 (so neighbours' numbers
 * look unrelated, and the number maps back to exactly one id), then a Luhn check digit that
 * catches one mistyped digit and most swapped neighbours. It is not a secret and proves nothing:
 * the rotating 会员码 is what earns points at the till.
 */
const HALF = 10_000; // the permutation works on two 4-digit halves
const DOMAIN = HALF * HALF;
const ROUND_KEYS = [0x5bd1, 0x2f6b, 0x7a3d, 0x1c8f] as const;
const PREFIX = '8';

/** Round function: any deterministic mix of one half works; this one spreads every digit. */
function mix(half: number, key: number): number {
  let x = (half * 0x9e37 + key) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  return x % HALF;
}

function permute(n: number): number {
  let left = Math.floor(n / HALF);
  let right = n % HALF;
  for (const key of ROUND_KEYS) [left, right] = [right, (left + mix(right, key)) % HALF];
  return left * HALF + right;
}

function unpermute(n: number): number {
  let left = Math.floor(n / HALF);
  let right = n % HALF;
  for (const key of [...ROUND_KEYS].reverse()) [left, right] = [(right - mix(left, key) + HALF) % HALF, left];
  return left * HALF + right;
}

/** Luhn check digit of a digit string. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The member number of an id (1 … 10^8 − 1). */
export function memberNumberOf(memberId: number): string {
  if (!Number.isInteger(memberId) || memberId <= 0 || memberId >= DOMAIN) throw new Error(`member id out of range: ${memberId}`);
  const body = `${PREFIX}${String(permute(memberId)).padStart(8, '0')}`;
  return `${body}${luhnDigit(body)}`;
}

/** The id behind a member number (spaces and dashes ignored), or null when it is not a valid one. */
export function memberIdOfNumber(input: string): number | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^8\d{9}$/.test(digits)) return null;
  if (luhnDigit(digits.slice(0, 9)) !== digits[9]) return null;
  const id = unpermute(Number(digits.slice(1, 9)));
  return id > 0 ? id : null;
}
