import { pointsForPaid, pointsToReverse, tierAfterSpendChange, tierForSpend, tierProgress, type Tier } from '../../src/domain/membership';

const TIERS: Tier[] = [
  { code: 'gold', name: '黄金会员', rank: 3, thresholdFen: 500_000, discountPercent: 80 },
  { code: 'normal', name: '普通会员', rank: 1, thresholdFen: 0, discountPercent: 90 },
  { code: 'silver', name: '白银会员', rank: 2, thresholdFen: 100_000, discountPercent: 85 },
];

describe('tierForSpend: thresholds at ¥1,000.00 and ¥5,000.00', () => {
  it.each([
    [0, 'normal'],
    [99_999, 'normal'],
    [100_000, 'silver'],
    [100_001, 'silver'],
    [499_999, 'silver'],
    [500_000, 'gold'],
    [500_001, 'gold'],
    [10_000_000, 'gold'],
  ])('spend %i fen → %s', (spent, code) => {
    expect(tierForSpend(TIERS, spent).code).toBe(code);
  });
});

describe('tiers never go down', () => {
  it.each([
    ['gold', 0, 'gold'],
    ['silver', 99_999, 'silver'],
    ['silver', 500_000, 'gold'],
    ['normal', 100_000, 'silver'],
    ['unknown-code', 100_000, 'silver'],
  ])('holding %s with spend %i → %s', (current, spent, expected) => {
    expect(tierAfterSpendChange(TIERS, current, spent).code).toBe(expected);
  });
});

describe('tierProgress', () => {
  it.each([
    ['normal', 0, 'silver', 100_000, 0],
    ['normal', 50_000, 'silver', 50_000, 50],
    ['normal', 99_999, 'silver', 1, 99],
    ['silver', 100_000, 'gold', 400_000, 0],
    ['silver', 300_000, 'gold', 200_000, 50],
    // kept silver after a refund took spend below the threshold
    ['silver', 20_000, 'gold', 480_000, 0],
  ])('%s with %i fen → next %s, %i fen to go, %i%%', (current, spent, next, remaining, percent) => {
    const progress = tierProgress(TIERS, current, spent);
    expect(progress.next?.code).toBe(next);
    expect(progress.remainingFen).toBe(remaining);
    expect(progress.percent).toBe(percent);
  });

  it('is complete at the top tier', () => {
    expect(tierProgress(TIERS, 'gold', 600_000)).toMatchObject({ next: null, remainingFen: 0, percent: 100 });
  });
});

describe('points', () => {
  it.each([
    [0, 0],
    [99, 0],
    [100, 1],
    [199, 1],
    [12_990, 129],
    [-500, 0],
  ])('paying %i fen earns %i points', (paid, points) => {
    expect(pointsForPaid(paid)).toBe(points);
  });

  it.each([
    // credited, paid, refunded before, refund now → reverse
    [129, 12_990, 0, 12_990, 129],
    [129, 12_990, 0, 6_495, 64],
    [129, 12_990, 6_495, 6_495, 65],
    [100, 10_000, 0, 3_333, 33],
    [100, 10_000, 3_333, 3_333, 33],
    [100, 10_000, 6_666, 3_334, 34],
    [1, 150, 0, 100, 0],
    [1, 150, 100, 50, 1],
    [0, 99, 0, 99, 0],
    [50, 5_000, 0, 9_999, 50],
  ])('credited %i for %i fen; refunded %i before, %i now → reverse %i', (credited, paid, before, refund, expected) => {
    expect(pointsToReverse({ creditedPoints: credited, paidFen: paid, refundedBeforeFen: before, refundFen: refund })).toBe(expected);
  });

  it('partial refunds add up to exactly the credited points', () => {
    const credited = 257;
    const paid = 25_790;
    const parts = [1_000, 7_777, 3, 10_010, 7_000];
    let before = 0;
    let reversed = 0;
    for (const refund of parts) {
      reversed += pointsToReverse({ creditedPoints: credited, paidFen: paid, refundedBeforeFen: before, refundFen: refund });
      before += refund;
    }
    expect(before).toBe(paid);
    expect(reversed).toBe(credited);
  });
});
