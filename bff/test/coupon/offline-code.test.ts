import { COUPON_CODE_TTL_SECONDS, issueCouponCode, verifyCouponCode } from '../../src/modules/coupon/offline-code';
import { issueMemberCode, verifyMemberCode } from '../../src/modules/member/member-code';

const SECRET = 'c'.repeat(64);
const OTHER = 'm'.repeat(64);
const T0 = new Date('2026-11-23T03:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('rotating coupon code (pure)', () => {
  it.each([1, 7, 4242, 999_999_999])('round-trips user coupon %i as 20 digits starting with 9', (id) => {
    const { code, expiresAt } = issueCouponCode(SECRET, id, T0);
    expect(code).toMatch(/^9\d{19}$/);
    expect(expiresAt).toEqual(at(COUPON_CODE_TTL_SECONDS));
    expect(verifyCouponCode(SECRET, code, T0)).toEqual({ ok: true, userCouponId: id, expiry: expiresAt.getTime() / 1000, code });
  });

  it('refuses ids it cannot carry', () => {
    for (const id of [0, -1, 1.5, 1_000_000_000]) expect(() => issueCouponCode(SECRET, id, T0)).toThrow('out of range');
  });

  it.each<[string, number, string]>([
    ['at issue', 0, 'ok'],
    ['at its expiry', 60, 'ok'],
    ['within the 5 s skew', 65, 'ok'],
    ['past the skew', 66, 'expired'],
    ['from a phone 5 s ahead', -5, 'ok'],
    ['from a phone far ahead', -6, 'expired'],
  ])('verifies %s', (_name, offset, outcome) => {
    const { code } = issueCouponCode(SECRET, 42, T0);
    const check = verifyCouponCode(SECRET, code, at(offset));
    expect(check.ok ? 'ok' : check.reason).toBe(outcome);
  });

  it('refuses forged, foreign and malformed codes', () => {
    const { code } = issueCouponCode(SECRET, 42, T0);
    const flip = (i: number) => `${code.slice(0, i)}${(Number(code[i]) + 1) % 10}${code.slice(i + 1)}`;
    for (const i of [1, 9, 13, 19]) expect(verifyCouponCode(SECRET, flip(i), T0)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyCouponCode(OTHER, code, T0)).toMatchObject({ ok: false, reason: 'forged' });
    for (const bad of ['', '9', code.slice(1), `${code}0`, `8${code.slice(1)}`, code.replace(/\d$/, 'x')]) {
      expect(verifyCouponCode(SECRET, bad, T0)).toMatchObject({ ok: false, reason: 'malformed' });
    }
    // Spaces a person typed are fine; the burned key is the code without them.
    expect(verifyCouponCode(SECRET, code.replace(/(\d{4})/g, '$1 '), T0)).toMatchObject({ ok: true, code });
  });

  it('is never mistaken for a 会员码, nor a 会员码 for it', () => {
    const member = issueMemberCode(OTHER, 42, T0).code;
    const coupon = issueCouponCode(SECRET, 42, T0).code;
    expect(verifyCouponCode(SECRET, member, T0)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verifyMemberCode(OTHER, coupon, T0)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('looks different on every refresh and hides the id', () => {
    const codes = new Set(Array.from({ length: 50 }, (_, s) => issueCouponCode(SECRET, 42, at(s)).code.slice(1, 10)));
    expect(codes.size).toBe(50);
  });
});
