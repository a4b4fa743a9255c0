import { allocate } from '../../src/domain/allocation';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('allocate: largest remainder, ties to the earlier part', () => {
  it.each([
    ['exact proportions', 10, [3, 7], [3, 7]],
    ['single part takes all', 7, [5], [7]],
    ['zero total', 0, [5, 3], [0, 0]],
    ['no parts, zero total', 0, [], []],
    ['all zero weights split evenly', 10, [0, 0, 0], [4, 3, 3]],
    ['all zero weights, zero total', 0, [0, 0], [0, 0]],
    ['thirds: the first part gets the extra fen', 100, [1, 1, 1], [34, 33, 33]],
    ['thirds of large weights', 100, [1000, 1000, 1000], [34, 33, 33]],
    ['remainder tie goes by order', 2, [1, 1, 1], [1, 1, 0]],
    ['one fen over two equal parts', 1, [1, 1], [1, 0]],
    ['largest remainder wins over order', 20, [10_000, 20_000, 30_000], [3, 7, 10]],
    ['1-fen weight gets nothing of a small total', 10, [1, 999], [0, 10]],
    ['1-fen weight next to a big one', 100, [1, 9_999], [0, 100]],
    ['zero weight never gets a share', 5, [0, 1, 1], [0, 3, 2]],
    ['total equal to the weights', 1234, [1000, 200, 34], [1000, 200, 34]],
    ['awkward 3333/3333/3334', 1000, [3333, 3333, 3334], [333, 333, 334]],
    ['prime total over primes', 97, [7, 11, 13], [22, 34, 41]],
  ])('%s: %i over %j → %j', (_name, total, weights, expected) => {
    const parts = allocate(total, weights);
    expect(parts).toEqual(expected);
    expect(sum(parts)).toBe(total);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    const weights = [2 ** 40, 3, 7];
    const parts = allocate(999_999_999, weights);
    expect(sum(parts)).toBe(999_999_999);
    expect(parts[1]).toBeLessThanOrEqual(1);
  });

  it.each([
    ['negative total', -1, [1]],
    ['fractional total', 1.5, [1]],
    ['negative weight', 1, [2, -1]],
    ['fractional weight', 1, [0.5, 1]],
    ['non-zero total over no parts', 1, []],
  ])('rejects %s', (_name, total, weights) => {
    expect(() => allocate(total, weights)).toThrow(Error);
  });

  it('parts always sum to the total and stay within one fen of the exact share (seeded)', () => {
    // Park–Miller LCG: products stay below 2^53, so the sequence is exact and repeatable.
    let seed = 12345;
    const next = (max: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % (max + 1);
    };
    for (let run = 0; run < 500; run++) {
      const weights = Array.from({ length: 1 + next(6) }, () => (next(4) === 0 ? next(2) : next(100_000)));
      const weightSum = sum(weights);
      const total = next(weightSum);
      const parts = allocate(total, weights);
      expect(sum(parts)).toBe(total);
      parts.forEach((part, i) => {
        const exact = weightSum === 0 ? total / weights.length : (total * weights[i]) / weightSum;
        expect(part).toBeGreaterThanOrEqual(Math.floor(exact));
        expect(part).toBeLessThanOrEqual(Math.ceil(exact));
        if (weightSum > 0) expect(part).toBeLessThanOrEqual(weights[i]);
      });
    }
  });
});
