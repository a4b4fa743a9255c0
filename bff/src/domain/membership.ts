/**
 * Membership rules as pure functions (docs/domain.md#members): tiers by cumulative net spend,
 * tiers never go down, 1 point per whole yuan paid, proportional reversal on refund.
 */
export type Tier = {
  code: string;
  name: string;
  rank: number;
  thresholdFen: number;
  discountPercent: number;
};

export type TierProgress = {
  current: Tier;
  next: Tier | null;
  /** Spend still needed to reach the next tier, 0 at the top tier. */
  remainingFen: number;
  /** 0–100, for the progress bar. */
  percent: number;
};

const byRank = (tiers: readonly Tier[]) => [...tiers].sort((a, b) => a.rank - b.rank);

/** The highest tier whose threshold the spend reaches. */
export function tierForSpend(tiers: readonly Tier[], spentFen: number): Tier {
  const sorted = byRank(tiers);
  if (sorted.length === 0) throw new Error('no tiers configured');
  return sorted.filter((tier) => spentFen >= tier.thresholdFen).at(-1) ?? sorted[0];
}

/** Tiers only go up: a refund lowers spend but never the tier a member already holds. */
export function tierAfterSpendChange(tiers: readonly Tier[], currentCode: string, spentFen: number): Tier {
  const earned = tierForSpend(tiers, spentFen);
  const current = tiers.find((tier) => tier.code === currentCode);
  return current && current.rank > earned.rank ? current : earned;
}

export function tierProgress(tiers: readonly Tier[], currentCode: string, spentFen: number): TierProgress {
  const sorted = byRank(tiers);
  const current = tierAfterSpendChange(tiers, currentCode, spentFen);
  const next = sorted.find((tier) => tier.rank > current.rank) ?? null;
  if (!next) return { current, next: null, remainingFen: 0, percent: 100 };
  const span = next.thresholdFen - current.thresholdFen;
  const done = Math.max(0, spentFen - current.thresholdFen);
  return {
    current,
    next,
    remainingFen: Math.max(0, next.thresholdFen - spentFen),
    percent: span > 0 ? Math.min(100, Math.floor((done * 100) / span)) : 100,
  };
}

/** 1 point per whole yuan actually paid. */
export function pointsForPaid(paidFen: number): number {
  return Math.max(0, Math.floor(paidFen / 100));
}

/**
 * Points to take back for a refund, proportional to the money refunded. Computed on cumulative
 * totals so several partial refunds add up to exactly the credited points on a full refund, and
 * each one rounds in the customer's favour.
 */
export function pointsToReverse(input: { creditedPoints: number; paidFen: number; refundedBeforeFen: number; refundFen: number }): number {
  const { creditedPoints, paidFen, refundedBeforeFen, refundFen } = input;
  if (paidFen <= 0) return 0;
  const reversedBefore = Math.floor((creditedPoints * Math.min(refundedBeforeFen, paidFen)) / paidFen);
  const reversedAfter = Math.floor((creditedPoints * Math.min(refundedBeforeFen + refundFen, paidFen)) / paidFen);
  return reversedAfter - reversedBefore;
}
