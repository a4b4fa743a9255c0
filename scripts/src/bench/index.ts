/**
 * `npm run bench [-- --quick] [-- --only NAME[,NAME]] [-- --cpu-prof]`: the BFF's production build
 * under load, as ratios to a bare Koa yardstick measured in the same run on the same box.
 *
 * One run: private MariaDB + Redis, migrations, the demo seed plus each scenario's data, the WeChat
 * sandbox, `bff/dist/main.js` (NODE_ENV=production) and the yardstick as their own processes, and
 * autocannon in another. For each path and each connection count (50, 200): a warm-up, then ≥ 3
 * rounds alternating ours / yardstick; medians, ours ÷ yardstick, p50/p99, errors, the BFF's peak
 * RSS and the load average. After each scenario the consistency checker runs (bff/src/consistency,
 * docs/consistency.md); a violation fails the run. Results go to scripts/bench/results/<date>.json and a markdown table beside it
 * (latest.md is the last run, linked from the README).
 *
 * --quick (a few minutes for everything): 2 s rounds, 1 s warm-up, a quarter-size flash storm.
 * --cpu-prof: the BFF runs with --cpu-prof; the top self-time frames are printed and recorded.
 * --only growth: uncached search at 1×, 10× and 100× the demo catalogue.
 * --cluster N: the BFF runs as N processes (bff/dist/cluster.js), for the scale-out figures.
 * Targets are reported, not enforced (exit 1 only on a consistency failure or a crash).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureOsPackages } from '../lib/os-packages';
import { DATA_DIR, ROOT } from '../lib/paths';
import { checkConsistency, formatReport } from '../../../bff/src/consistency';
import type { LoadSummary } from './load';
import { topFrames, type Frame } from './profile';
import { createFlashSale, customerPool, growthScenarios, scenarios, type BenchPath, type Target } from './scenarios';
import { bootMsOf, cpuMsOf, rssOf, startStack, withChildren, type Stack } from './stack';

type Options = { quick: boolean; only?: string[]; cpuProf: boolean; connections: number[]; workers?: number };

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
};

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
  };
  const only = value('--only');
  const conns = value('--connections');
  return {
    quick: argv.includes('--quick'),
    only: only ? only.split(',') : undefined,
    cpuProf: argv.includes('--cpu-prof'),
    connections: conns ? conns.split(',').map(Number) : [50, 200],
    workers: value('--cluster') ? Number(value('--cluster')) : undefined,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

type Observed<T> = { value: T; peakMb: number; cost: Cost };
/** What the BFF spent on a round, summed: CPU time (user + system), SQL statements, Redis commands. */
type Cost = { cpuMs: number; sql: number; redis: number };

/**
 * Runs `work` (a load round) while sampling the BFF's RSS, and counts what it cost: the BFF
 * process's CPU time from /proc and the statements MariaDB and the commands Redis served. Unlike
 * req/s these do not move with a noisy neighbour, so they show what a change saved.
 */
async function observe<T>(stack: Stack, work: () => Promise<T>): Promise<Observed<T>> {
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
const perRequest = (costs: Cost[], rounds: PathResult['rounds']) => {
  const requests = rounds.reduce((sum, r) => sum + r.ours.requests, 0);
  if (requests === 0) return undefined;
  const total = (k: keyof Cost) => costs.reduce((sum, c) => sum + c[k], 0);
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  return { cpuMs: round(total('cpuMs') / requests, 2), sql: round(total('sql') / requests, 1), redis: round(total('redis') / requests, 1) };
};

function unexpectedOf(summary: LoadSummary, ok: number[]): Record<string, number> {
  return Object.fromEntries(Object.entries(summary.statusCodes).filter(([code]) => !ok.includes(Number(code))));
}

async function measurePath(stack: Stack, scenario: string, p: BenchPath, connections: number, options: Options): Promise<PathResult> {
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
  return { ...summarise(scenario, p.name, connections, results, p.ok, peakMb, p.target), perRequest: perRequest(costs, results) };
}

function summarise(
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
 * The flash-sale storm (formerly bench:flash): per round a fresh sale of UNITS units, ATTEMPTS
 * order attempts by USERS customers at random with fresh keys, then the same number of requests
 * on the yardstick. Exactly UNITS orders (each answered 201 only after it committed: the 201s equal
 * the rows), one per buyer.
 */
async function flashStorm(stack: Stack, customers: () => Promise<{ memberId: number; token: string }[]>, options: Options) {
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
      const ours = await observe(stack, () =>
        stack.load({
          base: stack.bff.url,
          requests,
          connections,
          amount: attempts,
          random: true,
          idempotencyPrefix: `flash-${process.pid}-${sale.id}`,
        }),
      );
      peakMb = Math.max(peakMb, ours.peakMb);
      costs.push(ours.cost);
      // The yardstick runs as long as the storm took, so both rates are over the same span.
      const yardstick = await stack.load({
        base: stack.yardstick.url,
        requests: [{ method: 'POST', path: '/hello', body: '{}' }],
        connections,
        duration: Math.max(2, Math.round(ours.value.seconds)),
      });
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

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  ensureOsPackages(['mariadb', 'redis']);
  const dataDir = path.join(DATA_DIR, `bench-${process.pid}`);
  const profDir = path.join(dataDir, 'cpu-prof');
  const startedAt = new Date();
  console.log(
    `bench ${options.quick ? '(quick) ' : ''}on ${os.cpus().length} × ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(2))}`,
  );
  const stack = await startStack(dataDir, {
    bffArgs: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
    workers: options.workers,
  });
  if (options.workers) console.log(`BFF: ${options.workers} processes (node:cluster); RSS and CPU are summed over them`);
  const results: PathResult[] = [];
  const checks: Record<string, Checked> = {};
  let failed = false;
  const idle = { bffRssMb: rssOf(stack.bff.pid).rssMb, yardstickRssMb: rssOf(stack.yardstick.pid).rssMb };
  const startup = { bffMs: stack.bff.startupMs, bffBootMs: bootMsOf(stack.bff), yardstickMs: stack.yardstick.startupMs };
  console.log(
    `start-up: BFF ${startup.bffMs} ms to listening (${startup.bffBootMs ?? '?'} ms inside main), yardstick ${startup.yardstickMs} ms · idle RSS: BFF ${idle.bffRssMb} MB, yardstick ${idle.yardstickRssMb} MB`,
  );
  let frames: Frame[] = [];
  try {
    const customers = customerPool(stack, 2000);
    const wanted = (name: string) => !options.only || options.only.includes(name);
    // The growth runs (`--only growth`) come last: they leave a catalogue 100× the demo's.
    const growth = options.only?.includes('growth') ? growthScenarios : growthScenarios.filter((s) => options.only?.includes(s.name));
    for (const scenario of [...scenarios.filter((s) => wanted(s.name)), ...growth]) {
      console.log(`\n▶ ${scenario.name}: ${scenario.describe}`);
      const paths = await scenario.setup({ stack, quick: options.quick, customers });
      for (const p of paths) {
        for (const connections of options.connections) {
          const result = await measurePath(stack, scenario.name, p, connections, options);
          results.push(result);
          printResult(result);
        }
      }
      failed = (await check(stack, scenario.name, checks)) || failed;
    }
    if (wanted('flash')) {
      console.log('\n▶ flash: flash-sale storm');
      try {
        for (const result of await flashStorm(stack, customers, options)) {
          results.push(result);
          printResult(result);
        }
      } catch (err) {
        for (const result of (err as { partial?: PathResult[] }).partial ?? []) results.push(result);
        console.error(`✘ ${(err as Error).message}`);
        failed = true;
      }
      failed = (await check(stack, 'flash', checks)) || failed;
    }
  } catch (err) {
    console.error(err);
    failed = true;
  } finally {
    const final = rssOf(stack.bff.pid);
    await stack.stop();
    if (options.cpuProf) {
      frames = topFrames(profDir, 20);
      console.log('\ntop self-time frames of the BFF:');
      for (const f of frames) console.log(`  ${f.selfPct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
    }
    const report = {
      startedAt: startedAt.toISOString(),
      seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      quick: options.quick,
      workers: options.workers ?? 1,
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryMb: Math.round(os.totalmem() / 1048576), node: process.version },
      loadAvgAtEnd: os.loadavg(),
      startup,
      idle,
      bffPeakRssMb: final.peakMb,
      results,
      checks,
      profile: frames,
    };
    writeReport(report);
    if (!failed && !process.env.BENCH_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`logs kept under ${path.relative(ROOT, dataDir)}`);
  }
  console.log(failed ? '\n✘ BENCH FAILED (consistency or crash; see above)' : '\n✔ bench done (targets are reported above, not enforced)');
  return failed ? 1 : 0;
}

/** What the checker found after a scenario: how many invariants held, and the violations if any. */
type Checked = { ok: boolean; invariants: number; violations: unknown[] };

async function check(stack: Stack, scenario: string, checks: Record<string, Checked>): Promise<boolean> {
  const report = await checkConsistency(stack.database.db, new Date());
  checks[scenario] = { ok: report.ok, invariants: report.checked.length, violations: report.violations };
  if (report.ok) console.log(`  ✔ consistent after ${scenario} (${report.checked.length} invariants)`);
  else console.error(`✘ after ${scenario}:\n${formatReport(report)}`);
  return !report.ok;
}

function printResult(r: PathResult): void {
  const unexpected = Object.entries(r.unexpected)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  console.log(
    `  ${r.path.padEnd(16)} @${String(r.connections).padStart(3)}: ours ${Math.round(r.oursRps)} req/s ÷ yardstick ${Math.round(r.yardstickRps)} = ${r.ratio.toFixed(3)}× (target ${r.target.ratio}×) · p50 ${r.p50Ms} / p99 ${r.p99Ms} ms · errors ${r.errors}${unexpected ? ` · unexpected ${unexpected}` : ''} · RSS ≤ ${r.bffPeakRssMb} MB${r.perRequest ? ` · per request ${r.perRequest.cpuMs} ms CPU, ${r.perRequest.sql} SQL, ${r.perRequest.redis} Redis` : ''} · load ${r.loadAvg[0]} ${r.met ? '✔' : '✘'}`,
  );
}

function writeReport(report: { startedAt: string; results: PathResult[] } & Record<string, unknown>): void {
  const dir = path.join(ROOT, 'scripts', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.slice(0, 16).replace(':', '');
  const slim = { ...report, results: report.results.map(({ rounds, ...rest }) => ({ ...rest, rounds: rounds.length })) };
  fs.writeFileSync(path.join(dir, `${stamp}.json`), JSON.stringify(slim, null, 2) + '\n');
  const markdown = toMarkdown(report);
  fs.writeFileSync(path.join(dir, `${stamp}.md`), markdown);
  fs.writeFileSync(path.join(dir, 'latest.md'), markdown);
  console.log(`\nresults: scripts/bench/results/${stamp}.json, ${stamp}.md (and latest.md)`);
}

function toMarkdown(report: { startedAt: string; results: PathResult[] } & Record<string, unknown>): string {
  const r = report as unknown as {
    startedAt: string;
    quick: boolean;
    machine: { cores: number; cpu: string };
    startup: { bffMs: number; bffBootMs: number | null };
    idle: { bffRssMb: number; yardstickRssMb: number };
    bffPeakRssMb: number;
    results: PathResult[];
    checks: Record<string, Checked>;
    profile: Frame[];
  };
  const lines = [
    `# Bench ${r.startedAt}${r.quick ? ' (quick)' : ''}`,
    '',
    `${r.machine.cores} × ${r.machine.cpu}. BFF start-up ${r.startup.bffMs} ms to listening (${r.startup.bffBootMs ?? '?'} ms in main); idle RSS ${r.idle.bffRssMb} MB (yardstick ${r.idle.yardstickRssMb} MB); BFF peak RSS ${r.bffPeakRssMb} MB.`,
    '',
    '| scenario | path | conns | ours req/s | yardstick req/s | ratio | target | p50 / p99 ms | errors | BFF CPU ms / SQL / Redis per request | BFF peak RSS | load | met |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.results.map(
      (x) =>
        `| ${x.scenario} | ${x.path} | ${x.connections} | ${Math.round(x.oursRps)} | ${Math.round(x.yardstickRps)} | ${x.ratio.toFixed(3)}× | ≥ ${x.target.ratio}×${x.target.p99Ms ? `, p99 ≤ ${x.target.p99Ms} ms` : ''} | ${x.p50Ms} / ${x.p99Ms} | ${x.errors + Object.values(x.unexpected).reduce((a, b) => a + b, 0)} | ${x.perRequest ? `${x.perRequest.cpuMs} / ${x.perRequest.sql} / ${x.perRequest.redis}` : ''} | ${x.bffPeakRssMb} MB | ${x.loadAvg[0]} | ${x.met ? '✔' : '✘'} |`,
    ),
    '',
    `Consistency: ${Object.entries(r.checks)
      .map(([s, c]) => `${s} ${c.ok ? '✔' : '✘'}`)
      .join(', ')}`,
  ];
  if (r.profile.length) {
    lines.push('', '## Top self-time frames (BFF, --cpu-prof)', '', '| self % | function | where |', '|---|---|---|');
    for (const f of r.profile) lines.push(`| ${f.selfPct.toFixed(1)} | ${f.name} | ${f.where} |`);
  }
  return lines.join('\n') + '\n';
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
