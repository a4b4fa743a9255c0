import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Redis } from '../../redis';

/**
 * The rotating member code (会员码) staff scan at the till: 18 digits, like the pay codes
 * customers know. It carries its own proof, so the BFF verifies it without a database lookup:
 *
 *   masked member id (9) · expiry in seconds mod 10^4 (4) · HMAC over (member id, full expiry) mod 10^5 (5)
 *
 * The member id is masked with a keyed pad that changes with every expiry, so codes neither
 * reveal the id nor look alike from one refresh to the next.
 * A code lives ≤ 60 s; once scanned it is burned in Redis so a screenshot cannot be reused.
 */
export const MEMBER_CODE_TTL_SECONDS = 60;
const EXPIRY_MODULUS = 10_000;
const ID_MODULUS = 1_000_000_000;
const MAX_MEMBER_ID = ID_MODULUS - 1;
/** Tolerated difference between the phone's request and the scan, beyond the TTL. */
const CLOCK_SKEW_SECONDS = 5;

export type MemberCode = { code: string; expiresAt: Date };

export function issueMemberCode(secret: string, memberId: number, now: Date): MemberCode {
  if (!Number.isInteger(memberId) || memberId < 1 || memberId > MAX_MEMBER_ID) throw new Error('member id out of range');
  const expiry = Math.floor(now.getTime() / 1000) + MEMBER_CODE_TTL_SECONDS;
  const masked = (memberId + pad(secret, expiry)) % ID_MODULUS;
  const code = `${String(masked).padStart(9, '0')}${String(expiry % EXPIRY_MODULUS).padStart(4, '0')}${mac(secret, memberId, expiry)}`;
  return { code, expiresAt: new Date(expiry * 1000) };
}

export type CodeCheck = { ok: true; memberId: number; expiry: number } | { ok: false; reason: 'malformed' | 'expired' | 'forged' };

/** Verifies format, MAC and expiry; pure (no I/O). */
export function verifyMemberCode(secret: string, code: string, now: Date): CodeCheck {
  const match = /^(\d{9})(\d{4})(\d{5})$/.exec(code.replace(/\s+/g, ''));
  if (!match) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const expiry = nearestWithResidue(nowSeconds, Number(match[2]), EXPIRY_MODULUS);
  const memberId = (Number(match[1]) - pad(secret, expiry) + ID_MODULUS) % ID_MODULUS;
  const expected = Buffer.from(mac(secret, memberId, expiry));
  if (memberId < 1 || !timingSafeEqual(expected, Buffer.from(match[3]))) return { ok: false, reason: 'forged' };
  if (nowSeconds > expiry + CLOCK_SKEW_SECONDS || expiry - nowSeconds > MEMBER_CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, memberId, expiry };
}

/** Marks a verified code as used; false when it was already used (one scan per code). */
export async function burnMemberCode(redis: Redis, code: string, expiry: number, now: Date): Promise<boolean> {
  // Kept until well after the code could verify again; relative, so it follows our clock, not Redis's.
  const ttl = expiry - Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS + 60;
  const result = await redis.set(`member_code:used:${code}`, '1', { NX: true, EX: Math.max(ttl, 1) });
  return result === 'OK';
}

function pad(secret: string, expiry: number): number {
  return createHmac('sha256', secret).update(`pad.${expiry}`).digest().readUInt32BE(0) % ID_MODULUS;
}

function mac(secret: string, memberId: number, expiry: number): string {
  const digest = createHmac('sha256', secret).update(`${memberId}.${expiry}`).digest();
  return String(digest.readUInt32BE(0) % 100_000).padStart(5, '0');
}

/** The value ≡ residue (mod modulus) closest to `around`. */
function nearestWithResidue(around: number, residue: number, modulus: number): number {
  const base = around - (around % modulus) + residue;
  const candidates = [base - modulus, base, base + modulus];
  return candidates.reduce((best, c) => (Math.abs(c - around) < Math.abs(best - around) ? c : best));
}
