import { issueMemberCode, verifyMemberCode } from '../../src/modules/member/member-code';

const SECRET = 'a'.repeat(64);
const T0 = new Date('2026-11-22T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('member code (会员码)', () => {
  const { code, expiresAt } = issueMemberCode(SECRET, 4321, T0);

  it('is 18 digits and expires 60 s after issue', () => {
    expect(code).toMatch(/^\d{18}$/);
    expect(expiresAt.getTime() - T0.getTime()).toBe(60_000);
  });

  it.each([0, 30, 60, 64])('verifies %i s after issue', (seconds) => {
    expect(verifyMemberCode(SECRET, code, at(seconds))).toEqual({ ok: true, memberId: 4321, expiry: expiresAt.getTime() / 1000 });
  });

  it.each([66, 600, 3600])('is expired %i s after issue', (seconds) => {
    expect(verifyMemberCode(SECRET, code, at(seconds))).toEqual({ ok: false, reason: 'expired' });
  });

  // Past half the 10^4 s expiry window the expiry reconstructs to another value and the MAC fails.
  it.each([3 * 3600, 26 * 3600, 30 * 24 * 3600])('is refused %i s after issue', (seconds) => {
    expect(verifyMemberCode(SECRET, code, at(seconds)).ok).toBe(false);
  });

  it('is refused when the member part is changed (someone else’s points)', () => {
    const other = String((Number(code.slice(0, 9)) + 1) % 1e9).padStart(9, '0');
    expect(verifyMemberCode(SECRET, `${other}${code.slice(9)}`, at(1))).toEqual({ ok: false, reason: 'forged' });
  });

  it('does not show the member id, and consecutive codes of one member look unrelated', () => {
    const next = issueMemberCode(SECRET, 4321, at(1)).code;
    expect(code.slice(0, 9)).not.toBe('000004321');
    expect(next.slice(0, 9)).not.toBe(code.slice(0, 9));
  });

  it('is refused under another secret', () => {
    expect(verifyMemberCode('b'.repeat(64), code, at(1))).toEqual({ ok: false, reason: 'forged' });
  });

  it.each(['', '123', 'abcdefghijklmnopqr', `${code}0`])('rejects malformed %p', (bad) => {
    expect(verifyMemberCode(SECRET, bad, at(1))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts the code with the spaces the app shows', () => {
    const spaced = code.replace(/(\d{4})/g, '$1 ');
    expect(verifyMemberCode(SECRET, spaced, at(1)).ok).toBe(true);
  });

  it('rotates: a new code every issue second', () => {
    expect(issueMemberCode(SECRET, 4321, at(1)).code).not.toBe(code);
  });
});
