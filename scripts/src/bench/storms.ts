/**
 * The storms: many customers at once on one scarce thing, where correctness is the point. Each
 * storm checks its own count (units sold, seats taken) besides the consistency checker the
 * harness runs after it.
 */
import type { LoadJob } from './load';
import { observe, perRequest, summarise, type Cost, type PathResult } from './measure';
import { createFlashSale, createGroupCampaign, customerPool, openGroups, type Customer } from './scenarios';
import type { Stack } from './stack';

export type StormOptions = { quick: boolean; connections: number[] };

/** One storm on the BFF, observed, then the yardstick for as long as the storm took, so both rates are over the same span. */
async function stormRound(stack: Stack, job: Omit<LoadJob, 'id' | 'base'>) {
  const ours = await observe(stack, () => stack.load({ ...job, base: stack.bff.url }));
  const yardstick = await stack.load({
    base: stack.yardstick.url,
    requests: [{ method: 'POST', path: '/hello', body: '{}' }],
    connections: job.connections,
    duration: Math.max(2, Math.round(ours.value.seconds)),
  });
  return { ours, yardstick };
}

/**
 * The flash-sale storm (formerly bench:flash): per round a fresh sale of UNITS units, ATTEMPTS
 * order attempts by USERS customers at random with fresh keys, then the same number of requests
 * on the yardstick. Exactly UNITS orders (each answered 201 only after it committed: the 201s equal
 * the rows), one per buyer.
 */
export async function flashStorm(stack: Stack, customers: () => Promise<Customer[]>, options: StormOptions) {
  const scale = options.quick ? 4 : 1;
  const units = 500 / scale;
  const attempts = 20_000 / scale;
  const users = (await customers()).slice(0, 2000 / scale);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const out: PathResult[] = [];
  for (const connections of options.connections) {
    const results: PathResult['rounds'] = [];
    const notes: string[] = [];
    const slow: string[] = [];
    let peakMb = 0;
    const costs: Cost[] = [];
    for (let r = 0; r < rounds; r++) {
      const sale = await createFlashSale(stack, units, connections * 100 + r);
      const body = JSON.stringify({
        items: [{ skuId: sale.skuId, qty: 1 }],
        fulfillment: { type: 'pickup', storeId: 1 },
        activity: { type: 'flash', flashSaleId: sale.id },
      });
      const requests = users.map((u) => ({
        method: 'POST' as const,
        path: '/api/orders',
        headers: { authorization: `Bearer ${u.token}` },
        body,
      }));
      const { ours, yardstick } = await stormRound(stack, {
        requests,
        connections,
        amount: attempts,
        random: true,
        idempotencyPrefix: `flash-${process.pid}-${sale.id}`,
      });
      peakMb = Math.max(peakMb, ours.peakMb);
      costs.push(ours.cost);
      results.push({ ours: ours.value, yardstick });
      const [rows] = (await stack.database.pool.query(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS buyers FROM orders WHERE activity_type = 'flash' AND activity_id = ?",
        [sale.id],
      )) as unknown as [{ n: number; buyers: number }[]];
      const created = ours.value.statusCodes['201'] ?? 0;
      const { n, buyers } = rows[0];
      // A 201 is sent only after the order committed, so 201s never outnumber rows; fewer 201s than
      // rows means answers that came after the client's 10 s timeout (a latency miss, not an oversell).
      if (Number(n) !== units || Number(buyers) !== units || created > Number(n))
        notes.push(`round ${r}: ${n} orders by ${buyers} buyers, ${created} answered 201, for ${units} units`);
      else if (created < Number(n)) slow.push(`round ${r}: ${Number(n) - created} of ${n} orders answered after the client timeout`);
    }
    const result = summarise('flash', 'flash-storm', connections, results, [201, 409, 422, 429], peakMb, { ratio: 0.7, p99Ms: 20 });
    result.perRequest = perRequest(costs, results);
    result.notes = [`${attempts} attempts by ${users.length} customers on ${units} units per round`, ...notes, ...slow];
    if (notes.length || slow.length) result.met = false;
    for (const note of slow) console.log(`  ! ${note}`);
    out.push(result);
    if (notes.length) throw Object.assign(new Error(`flash storm: ${notes.join('; ')}`), { partial: out });
  }
  return out;
}

/**
 * The group-join storm: per round GROUPS groups of 5 opened and paid for by their leaders, then
 * JOINERS customers, each with one try at one group (ten tries per group, consecutive, so the
 * tries on a group race each other), then the same span on the yardstick. Exactly 4 joiners per
 * group get a seat: GROUPS × 5 seats, never one more.
 */
export async function groupStorm(stack: Stack, options: StormOptions): Promise<PathResult[]> {
  const scale = options.quick ? 4 : 1;
  const groupCount = 1000 / scale;
  const joinerCount = 10_000 / scale;
  const size = 5;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const pool = await customerPool(stack, groupCount + joinerCount, 'bench-group')();
  const out: PathResult[] = [];
  for (const connections of options.connections) {
    const results: PathResult['rounds'] = [];
    const notes: string[] = [];
    const costs: Cost[] = [];
    let peakMb = 0;
    for (let r = 0; r < rounds; r++) {
      const label = `${process.pid}-${connections}-${r}`;
      const campaign = await createGroupCampaign(stack, { code: `BG-${label}`, size, groups: groupCount, perUserLimit: 1 });
      const groupIds = await openGroups(stack, pool.slice(0, groupCount), campaign, `bench-group-leader-${label}`);
      const joiners = pool.slice(groupCount);
      const tries = joinerCount / groupCount;
      const requests = joiners.map((joiner, i) => ({
        method: 'POST' as const,
        path: '/api/orders',
        headers: { authorization: `Bearer ${joiner.token}` },
        body: JSON.stringify({
          items: [{ skuId: campaign.skuId, qty: 1 }],
          fulfillment: { type: 'pickup', storeId: 1 },
          activity: { type: 'group', campaignId: campaign.id, groupId: groupIds[Math.floor(i / tries)] },
        }),
      }));
      const { ours, yardstick } = await stormRound(stack, {
        requests,
        connections,
        amount: requests.length,
        idempotencyPrefix: `bench-group-${label}`,
      });
      peakMb = Math.max(peakMb, ours.peakMb);
      costs.push(ours.cost);
      results.push({ ours: ours.value, yardstick });
      const [rows] = (await stack.database.pool.query(
        `SELECT SUM(g.seats_taken) AS seats, MAX(g.seats_taken) AS most,
           (SELECT COUNT(*) FROM group_members m JOIN buy_groups g2 ON g2.id = m.group_id
             WHERE g2.campaign_id = ? AND m.status IN ('held', 'paid')) AS members
         FROM buy_groups g WHERE g.campaign_id = ?`,
        [campaign.id, campaign.id],
      )) as unknown as [{ seats: number; most: number; members: number }[]];
      const { seats, most, members } = rows[0];
      // A 201 is sent only after its seat committed: more 201s than joiner seats would be an oversell.
      const joined = ours.value.statusCodes['201'] ?? 0;
      const joinerSeats = groupCount * (size - 1);
      if (Number(seats) !== groupCount * size || Number(members) !== groupCount * size || Number(most) > size || joined > joinerSeats)
        notes.push(`round ${r}: ${seats} seats (${members} seat rows, fullest group ${most}) for ${groupCount} groups of ${size}`);
      else if (joined < joinerSeats) notes.push(`round ${r}: ${joinerSeats - joined} seats answered after the client timeout`);
    }
    const result = summarise('group', 'group-join-storm', connections, results, [201, 409, 422, 429], peakMb, { ratio: 0.4 });
    result.perRequest = perRequest(costs, results);
    result.notes = [`${joinerCount} joiners on ${groupCount} groups of ${size} per round`, ...notes];
    if (notes.length) result.met = false;
    out.push(result);
    const oversold = notes.filter((n) => !n.includes('timeout'));
    if (oversold.length) throw Object.assign(new Error(`group storm: ${oversold.join('; ')}`), { partial: out });
  }
  return out;
}
