import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from '../../redis';

/**
 * The rotating coupon code (券码) a customer shows at the till for 线下核销 (docs/domain.md#coupons),
 * modelled on the member code (member/member-code.ts) under its own key (COUPON_CODE_SECRET).
 * 20 digits, always starting with 9, so the till tells it apart by length and lead digit from the
 * 18-digit 会员码, from WeChat's 18-digit 付款码 (10–15…) and from the coupon's own 16-digit
 * number (8…) that support sees:
 *
 *   9 · masked user-coupon id (9) · expiry in seconds mod 10^4 (4) · HMAC over (id, full expiry) mod 10^6 (6)
 *
 * The id is masked with a keyed pad that changes with every expiry, so codes reveal nothing and
 * do not look alike from one refresh to the next. A code lives ≤ 60 s; the redemption that uses it
 * burns it in Redis, so a screenshot is useless even while the coupon is available again.
 */
export const COUPON_CODE_TTL_SECONDS = 60;
const LEAD = '9';
const EXPIRY_MODULUS = 10_000;
const ID_MODULUS = 1_000_000_000;
const MAC_MODULUS = 1_000_000;
const MAX_COUPON_ID = ID_MODULUS - 1;
/** Tolerated difference between the phone's request and the scan, beyond the TTL. */
const CLOCK_SKEW_SECONDS = 5;

export type CouponCode = { code: string; expiresAt: Date };

export function issueCouponCode(secret: string, userCouponId: number, now: Date): CouponCode {
  if (!Number.isInteger(userCouponId) || userCouponId < 1 || userCouponId > MAX_COUPON_ID) throw new Error('user coupon id out of range');
  const expiry = Math.floor(now.getTime() / 1000) + COUPON_CODE_TTL_SECONDS;
  const masked = (userCouponId + pad(secret, expiry)) % ID_MODULUS;
  const code = `${LEAD}${String(masked).padStart(9, '0')}${String(expiry % EXPIRY_MODULUS).padStart(4, '0')}${mac(secret, userCouponId, expiry)}`;
  return { code, expiresAt: new Date(expiry * 1000) };
}

export type CouponCodeCheck =
  { ok: true; userCouponId: number; expiry: number; code: string } | { ok: false; reason: 'malformed' | 'expired' | 'forged' };

/** Verifies format, MAC and expiry; pure (no I/O). Spaces a person typed are ignored. */
export function verifyCouponCode(secret: string, input: string, now: Date): CouponCodeCheck {
  const code = input.replace(/\s+/g, '');
  const match = /^9(\d{9})(\d{4})(\d{6})$/.exec(code);
  if (!match) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const expiry = nearestWithResidue(nowSeconds, Number(match[2]), EXPIRY_MODULUS);
  const userCouponId = (Number(match[1]) - pad(secret, expiry) + ID_MODULUS) % ID_MODULUS;
  const expected = Buffer.from(mac(secret, userCouponId, expiry));
  if (userCouponId < 1 || !timingSafeEqual(expected, Buffer.from(match[3]))) return { ok: false, reason: 'forged' };
  if (nowSeconds > expiry + CLOCK_SKEW_SECONDS || expiry - nowSeconds > COUPON_CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, userCouponId, expiry, code };
}

const usedKey = (code: string) => `coupon_code:used:${code}`;

/** Marks a verified code as used; false when it was already used (one redemption per code). */
export async function burnCouponCode(redis: Redis, code: string, expiry: number, now: Date): Promise<boolean> {
  // Kept until well after the code could verify again; relative, so it follows our clock, not Redis's.
  const ttl = expiry - Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS + 60;
  const result = await redis.set(usedKey(code), '1', { NX: true, EX: Math.max(ttl, 1) });
  return result === 'OK';
}

/** Whether a code was burned already (a look, for previews and quotes; burning is the real guard). */
export async function isCouponCodeBurned(redis: Redis, code: string): Promise<boolean> {
  return (await redis.exists(usedKey(code))) === 1;
}

function pad(secret: string, expiry: number): number {
  return createHmac('sha256', secret).update(`coupon.pad.${expiry}`).digest().readUInt32BE(0) % ID_MODULUS;
}

function mac(secret: string, userCouponId: number, expiry: number): string {
  const digest = createHmac('sha256', secret).update(`coupon.${userCouponId}.${expiry}`).digest();
  return String(digest.readUInt32BE(0) % MAC_MODULUS).padStart(6, '0');
}

/** The value ≡ residue (mod modulus) closest to `around`. */
function nearestWithResidue(around: number, residue: number, modulus: number): number {
  const base = around - (around % modulus) + residue;
  const candidates = [base - modulus, base, base + modulus];
  return candidates.reduce((best, c) => (Math.abs(c - around) < Math.abs(best - around) ? c : best));
}
