import { luhnDigit, memberIdOfNumber, memberNumberOf } from '../../src/modules/member/member-number';

describe('会员号 (member number)', () => {
  it('is stable: the same id always gives the same number', () => {
    // Pinned: a change of the permutation would renumber every member's card.
    expect(memberNumberOf(1)).toBe('8112773125');
    expect(memberNumberOf(2)).toBe('8229320489');
    expect(memberNumberOf(100)).toBe('8142941445');
  });

  it('is unique and maps back to its id over many ids', () => {
    const seen = new Set<string>();
    const wrong: number[] = [];
    for (let id = 1; id <= 200_000; id++) {
      const number = memberNumberOf(id);
      seen.add(number);
      if (memberIdOfNumber(number) !== id) wrong.push(id);
    }
    expect(seen.size).toBe(200_000);
    expect(wrong).toEqual([]);
    for (const id of [10_000_000, 54_321_987, 99_999_999]) expect(memberIdOfNumber(memberNumberOf(id))).toBe(id);
  });

  it('does not look sequential: neighbours differ in most digits', () => {
    const differing = (a: string, b: string) => [...a].filter((c, i) => c !== b[i]).length;
    let total = 0;
    for (let id = 1; id <= 1000; id++) total += differing(memberNumberOf(id), memberNumberOf(id + 1));
    expect(total / 1000).toBeGreaterThan(6);
  });

  it('is ten digits, starts with 8 (not a phone, not a member code) and ends with its Luhn digit', () => {
    for (const id of [1, 7, 4321, 9_876_543]) {
      const number = memberNumberOf(id);
      expect(number).toMatch(/^8\d{9}$/);
      expect(number[9]).toBe(luhnDigit(number.slice(0, 9)));
    }
    expect(luhnDigit('7992739871')).toBe('3'); // the textbook example
  });

  it('refuses every single mistyped digit and every swap of unequal neighbours', () => {
    const number = memberNumberOf(4321);
    for (let i = 1; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === number[i]) continue;
        expect(memberIdOfNumber(`${number.slice(0, i)}${d}${number.slice(i + 1)}`)).toBeNull();
      }
    }
    for (let i = 1; i < 9; i++) {
      if (number[i] === number[i + 1] || `${number[i]}${number[i + 1]}`.match(/09|90/)) continue;
      expect(memberIdOfNumber(`${number.slice(0, i)}${number[i + 1]}${number[i]}${number.slice(i + 2)}`)).toBeNull();
    }
  });

  it.each(['', '81127731', '81127731250', '7112773125', 'abc', '8112-7731-2x'])('reads %j as no member', (input) => {
    expect(memberIdOfNumber(input)).toBeNull();
  });

  it('ignores the spaces and dashes people type', () => {
    expect(memberIdOfNumber('8112 7731 25')).toBe(1);
    expect(memberIdOfNumber('8112-7731-25')).toBe(1);
  });

  it.each([0, -1, 1.5, 100_000_000])('has no number for id %p', (id) => {
    expect(() => memberNumberOf(id)).toThrow();
  });
});
