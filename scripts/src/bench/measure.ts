/**
 * How a bench path is measured and summarised: load rounds alternating ours / yardstick, what each
 * round cost the BFF (CPU, SQL statements, Redis commands), medians and the ratio to the yardstick.
 */
import os from 'node:os';
import type { LoadSummary } from './load';
import type { BenchPath, Target } from './scenarios';
import { cpuMsOf, rssOf, withChildren, type Stack } from './stack';

export type MeasureOptions = { quick: boolean };

export type PathResult = {
  scenario: string;
  path: string;
  connections: number;
  rounds: { ours: LoadSummary; yardstick: LoadSummary }[];
  oursRps: number;
  yardstickRps: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  yardstickP99Ms: number;
  errors: number;
  unexpected: Record<string, number>;
  bffPeakRssMb: number;
  loadAvg: number[];
  target: Target;
  met: boolean;
  /** What one request cost the BFF: CPU ms, SQL statements, Redis commands (box-independent). */
  perRequest?: { cpuMs: number; sql: number; redis: number };
  notes?: string[];
  /** For paths whose target is a share of a limit of this box (prepay: RSA signing) rather than of the yardstick. */
  bound?: { name: string; perSecond: number; ratio: number };
};

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export type Observed<T> = { value: T; peakMb: number; cost: Cost };
/** What the BFF spent on a round, summed: CPU time (user + system), SQL statements, Redis commands. */
export type Cost = { cpuMs: number; sql: number; redis: number };

/**
 * Runs `work` (a load round) while sampling the BFF's RSS, and counts what it cost: the BFF
 * process's CPU time from /proc and the statements MariaDB and the commands Redis served. Unlike
 * req/s these do not move with a noisy neighbour, so they show what a change saved.
 */
export async function observe<T>(stack: Stack, work: () => Promise<T>): Promise<Observed<T>> {
  const rss = () => withChildren(stack.bff.pid).reduce((sum, pid) => sum + rssOf(pid).rssMb, 0);
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 200);
  const before = await counters(stack);
  try {
    const value = await work();
    const after = await counters(stack);
    return {
      value,
      peakMb: Math.max(peak, rss()),
      cost: { cpuMs: after.cpuMs - before.cpuMs, sql: after.sql - before.sql - 1, redis: after.redis - before.redis - 1 },
    };
  } finally {
    clearInterval(timer);
  }
}

async function counters(stack: Stack): Promise<Cost> {
  const [rows] = (await stack.database.pool.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as unknown as [{ Value: string }[]];
  const info = await stack.redis.info('stats');
  return {
    cpuMs: withChildren(stack.bff.pid).reduce((sum, pid) => sum + cpuMsOf(pid), 0),
    sql: Number(rows[0]?.Value ?? 0),
    redis: Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0),
  };
}

/** Costs per completed request; none when no request completed (the figures would be meaningless). */
export const perRequest = (costs: Cost[], rounds: PathResult['rounds']) => {
  const requests = rounds.reduce((sum, r) => sum + r.ours.requests, 0);
  if (requests === 0) return undefined;
  const total = (k: keyof Cost) => costs.reduce((sum, c) => sum + c[k], 0);
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  return { cpuMs: round(total('cpuMs') / requests, 2), sql: round(total('sql') / requests, 1), redis: round(total('redis') / requests, 1) };
};

function unexpectedOf(summary: LoadSummary, ok: number[]): Record<string, number> {
  return Object.fromEntries(Object.entries(summary.statusCodes).filter(([code]) => !ok.includes(Number(code))));
}

export async function measurePath(
  stack: Stack,
  scenario: string,
  p: BenchPath,
  connections: number,
  options: MeasureOptions,
): Promise<PathResult> {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  // Paths that take hundreds of ms per request get longer rounds, so a round completes enough of them.
  const duration = Math.max(options.quick ? 2 : Number(process.env.BENCH_SECONDS ?? 10), p.minSeconds ?? 0);
  const warmup = options.quick ? 1 : 3;
  const job = { requests: p.requests, connections, idempotencyPrefix: p.idempotencyPrefix, random: p.random };
  const prefix = (r: string) => (p.idempotencyPrefix ? `${p.idempotencyPrefix}-${connections}-${r}` : undefined);
  await stack.load({ ...job, base: stack.bff.url, duration: warmup, idempotencyPrefix: prefix('warm') });
  await stack.load({ base: stack.yardstick.url, requests: [{ method: 'GET', path: '/hello' }], connections, duration: warmup });
  const results: PathResult['rounds'] = [];
  let peakMb = 0;
  const costs: Cost[] = [];
  for (let r = 0; r < rounds; r++) {
    const ours = await observe(stack, () => stack.load({ ...job, base: stack.bff.url, duration, idempotencyPrefix: prefix(String(r)) }));
    peakMb = Math.max(peakMb, ours.peakMb);
    costs.push(ours.cost);
    const yardstick = await stack.load({
      base: stack.yardstick.url,
      requests: [{ method: 'GET', path: '/hello' }],
      connections,
      duration,
    });
    results.push({ ours: ours.value, yardstick });
  }
  const result = { ...summarise(scenario, p.name, connections, results, p.ok, peakMb, p.target), perRequest: perRequest(costs, results) };
  if (p.bound) compareWithBound(result, p.bound);
  return result;
}

export function summarise(
  scenario: string,
  name: string,
  connections: number,
  rounds: PathResult['rounds'],
  ok: number[],
  peakMb: number,
  target: Target,
): PathResult {
  const oursRps = median(rounds.map((r) => r.ours.rps));
  const yardstickRps = median(rounds.map((r) => r.yardstick.rps));
  const unexpected: Record<string, number> = {};
  for (const r of rounds) for (const [code, n] of Object.entries(unexpectedOf(r.ours, ok))) unexpected[code] = (unexpected[code] ?? 0) + n;
  const p99Ms = median(rounds.map((r) => r.ours.p99));
  const ratio = yardstickRps > 0 ? oursRps / yardstickRps : 0;
  const p99Applies = target.p99Ms !== undefined && (target.conns === undefined || target.conns === connections);
  return {
    scenario,
    path: name,
    connections,
    rounds,
    oursRps,
    yardstickRps,
    ratio,
    p50Ms: median(rounds.map((r) => r.ours.p50)),
    p99Ms,
    yardstickP99Ms: median(rounds.map((r) => r.yardstick.p99)),
    errors: rounds.reduce((sum, r) => sum + r.ours.errors + r.ours.timeouts, 0),
    unexpected,
    bffPeakRssMb: peakMb,
    loadAvg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    target,
    met: ratio >= target.ratio && (!p99Applies || p99Ms <= target.p99Ms!),
  };
}

/**
 * A path measured against a bound of this box (measured now, in the same run): the target ratio
 * then applies to ours ÷ bound; the yardstick ratio is still reported.
 */
function compareWithBound(result: PathResult, bound: NonNullable<BenchPath['bound']>): void {
  const perSecond = bound.perSecond();
  const ratio = perSecond > 0 ? result.oursRps / perSecond : 0;
  result.bound = { name: bound.name, perSecond: Math.round(perSecond), ratio: Math.round(ratio * 1000) / 1000 };
  result.met = ratio >= result.target.ratio && (result.target.p99Ms === undefined || result.p99Ms <= result.target.p99Ms);
  result.notes = [
    ...(result.notes ?? []),
    `${Math.round(result.oursRps)} req/s = ${ratio.toFixed(3)} of ${bound.name} (${Math.round(perSecond)}/s)`,
  ];
}
