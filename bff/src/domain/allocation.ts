/**
 * Splits an order-level amount over lines (docs/domain.md#pricing, step 5), the way Vendure's
 * `prorate` does: each part is proportional to its weight, rounded down, and the fen left over
 * go one each to the parts with the largest remainders, earlier parts first on a tie. The parts
 * always sum exactly to the total — partial refunds of a line rely on that.
 */
export function allocate(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new Error(`allocate: total must be a non-negative integer, got ${totalFen}`);
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) throw new Error(`allocate: weights must be non-negative integers, got ${weight}`);
  }
  if (weights.length === 0) {
    if (totalFen !== 0) throw new Error('allocate: cannot split a non-zero total over no parts');
    return [];
  }
  // With nothing to be proportional to, an even split is the only fair answer. Pricing never
  // hits this with a non-zero total: a discount never exceeds the subtotal it was computed on.
  const effective = weights.every((weight) => weight === 0) ? weights.map(() => 1) : weights;
  // BigInt so total × weight stays exact past 2^53 (¥90 billion × ¥90 billion is not a concern,
  // but correctness should not depend on the size of the numbers).
  const total = BigInt(totalFen);
  const sum = effective.reduce((acc, weight) => acc + BigInt(weight), 0n);
  const parts = effective.map((weight) => {
    const exact = total * BigInt(weight);
    return { share: exact / sum, remainder: exact % sum };
  });
  let leftover = total - parts.reduce((acc, part) => acc + part.share, 0n);
  const order = parts
    .map((part, index) => ({ index, remainder: part.remainder }))
    // Stable sort: equal remainders keep line order, so the result is deterministic.
    .sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index].share += 1n;
    leftover -= 1n;
  }
  return parts.map((part) => Number(part.share));
}
