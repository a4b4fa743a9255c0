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
import { topFrames, type Frame } from './profile';
import { measurePath, type PathResult } from './measure';
import { customerPool, growthScenarios, scenarios } from './scenarios';
import { bootMsOf, rssOf, startStack, type Stack } from './stack';
import { flashStorm, groupStorm } from './storms';

type Options = { quick: boolean; only?: string[]; cpuProf: boolean; connections: number[]; workers?: number };

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
    const storms = [
      { name: 'flash', title: 'flash-sale storm', run: () => flashStorm(stack, customers, options) },
      { name: 'group', title: 'group-join storm', run: () => groupStorm(stack, options) },
    ];
    for (const storm of storms.filter((s) => wanted(s.name))) {
      console.log(`\n▶ ${storm.name}: ${storm.title}`);
      try {
        for (const result of await storm.run()) {
          results.push(result);
          printResult(result);
        }
      } catch (err) {
        for (const result of (err as { partial?: PathResult[] }).partial ?? []) results.push(result);
        console.error(`✘ ${(err as Error).message}`);
        failed = true;
      }
      failed = (await check(stack, storm.name, checks)) || failed;
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
    `  ${r.path.padEnd(16)} @${String(r.connections).padStart(3)}: ours ${Math.round(r.oursRps)} req/s ÷ yardstick ${Math.round(r.yardstickRps)} = ${r.ratio.toFixed(3)}×${r.bound ? ` · ${r.bound.ratio}× of the ${r.bound.name}, ${r.bound.perSecond}/s` : ''} (target ${r.target.ratio}×${r.bound ? ' of that bound' : ''}) · p50 ${r.p50Ms} / p99 ${r.p99Ms} ms · errors ${r.errors}${unexpected ? ` · unexpected ${unexpected}` : ''} · RSS ≤ ${r.bffPeakRssMb} MB${r.perRequest ? ` · per request ${r.perRequest.cpuMs} ms CPU, ${r.perRequest.sql} SQL, ${r.perRequest.redis} Redis` : ''} · load ${r.loadAvg[0]} ${r.met ? '✔' : '✘'}`,
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
        `| ${x.scenario} | ${x.path} | ${x.connections} | ${Math.round(x.oursRps)} | ${Math.round(x.yardstickRps)} | ${x.ratio.toFixed(3)}×${x.bound ? ` (${x.bound.ratio}× of ${x.bound.perSecond}/s signing bound)` : ''} | ≥ ${x.target.ratio}×${x.bound ? ' of the signing bound' : ''}${x.target.p99Ms ? `, p99 ≤ ${x.target.p99Ms} ms` : ''} | ${x.p50Ms} / ${x.p99Ms} | ${x.errors + Object.values(x.unexpected).reduce((a, b) => a + b, 0)} | ${x.perRequest ? `${x.perRequest.cpuMs} / ${x.perRequest.sql} / ${x.perRequest.redis}` : ''} | ${x.bffPeakRssMb} MB | ${x.loadAvg[0]} | ${x.met ? '✔' : '✘'} |`,
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
