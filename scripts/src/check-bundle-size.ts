/**
 * `npm run check:size`: the mini-program's size budgets, read from the builds in miniapp/dist
 * (run after build:weapp and build:h5, as .ci/run does). Prints every figure; exits 1 over budget.
 *
 * - weapp main package: every file outside the subpackage roots app.json lists. WeChat refuses
 *   more than 2 MB; the budget leaves room to grow.
 * - H5 first page: the scripts index.html loads, the chunk of libraries pages share and the largest
 *   page chunk, gzipped: an upper bound for whichever page a customer opens first.
 * - Taro's H5 components are in the shared chunk only, never copied into a page's own chunk.
 * - The weapp build is what ships to WeChat, so it is also held to production hygiene here (one
 *   build serves both checks): no sandbox route, sandbox copy or loopback address in any file
 *   (lib/bundle-hygiene.ts). .ci/run builds it as a release is built, with an HTTPS API base.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { sandboxMarkersIn } from './lib/bundle-hygiene';
import { ROOT } from './lib/paths';

const WEAPP_MAIN_BUDGET = 1024 * 1024;
const H5_FIRST_PAGE_BUDGET = 300 * 1000;
const SHARED_CHUNK = /^page-libraries\./;
/** A tag name defined once by Taro's H5 component library. */
const COMPONENTS_MARKER = 'taro-view-core';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function weappMainPackage(dist: string): { bytes: number; subpackages: Record<string, number> } {
  const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
  const roots = (app.subPackages ?? []).map((s) => s.root);
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]));
  let bytes = 0;
  for (const file of filesUnder(dist)) {
    const relative = path.relative(dist, file).split(path.sep).join('/');
    const root = roots.find((r) => relative.startsWith(`${r}/`));
    const size = fs.statSync(file).size;
    if (root) subpackages[root] += size;
    else bytes += size;
  }
  return { bytes, subpackages };
}

function h5FirstPage(dist: string): { gzipped: number; parts: string[]; copies: string[] } {
  const js = path.join(dist, 'js');
  const gz = (name: string) => gzipSync(fs.readFileSync(path.join(js, name))).length;
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]+src="\/js\/([^"]+)"/g)].map((m) => m[1]);
  const chunks = fs.readdirSync(js).filter((f) => f.endsWith('.js') && !initial.includes(f));
  const shared = chunks.filter((f) => SHARED_CHUNK.test(f));
  const pages = chunks.filter((f) => !SHARED_CHUNK.test(f)).map((f) => ({ f, gz: gz(f) }));
  const largest = pages.reduce((a, b) => (b.gz > a.gz ? b : a), { f: '', gz: 0 });
  const parts = [...initial, ...shared, ...(largest.f ? [largest.f] : [])];
  const copies = [...initial, ...pages.map((p) => p.f)].filter((f) =>
    fs.readFileSync(path.join(js, f), 'utf8').includes(COMPONENTS_MARKER),
  );
  return { gzipped: parts.reduce((sum, f) => sum + gz(f), 0), parts, copies };
}

function main(): number {
  const problems: string[] = [];
  // WEAPP_DIST / H5_DIST: builds made elsewhere (TARO_OUTPUT_ROOT), e.g. side by side with others.
  const weapp = path.resolve(ROOT, process.env.WEAPP_DIST ?? 'miniapp/dist/weapp');
  const h5 = path.resolve(ROOT, process.env.H5_DIST ?? 'miniapp/dist/h5');
  for (const dir of [weapp, h5]) if (!fs.existsSync(dir)) problems.push(`${path.relative(ROOT, dir)} is missing: build it first`);
  if (fs.existsSync(weapp)) {
    const { bytes, subpackages } = weappMainPackage(weapp);
    console.log(`weapp main package: ${kb(bytes)} (budget ${kb(WEAPP_MAIN_BUDGET)})`);
    for (const [root, size] of Object.entries(subpackages)) console.log(`  subpackage ${root}: ${kb(size)}`);
    if (bytes > WEAPP_MAIN_BUDGET) problems.push(`weapp main package ${kb(bytes)} is over ${kb(WEAPP_MAIN_BUDGET)}`);
    const leaks = sandboxMarkersIn(weapp);
    console.log(`weapp sandbox markers: ${leaks.length}`);
    for (const { file, marker } of leaks)
      problems.push(`weapp bundle ${file} contains ${JSON.stringify(marker)} (sandbox code or a dev address)`);
  }
  if (fs.existsSync(h5)) {
    const { gzipped, parts, copies } = h5FirstPage(h5);
    console.log(`H5 first page, gzipped: ${kB(gzipped)} (budget ${kB(H5_FIRST_PAGE_BUDGET)}): ${parts.join(' + ')}`);
    if (gzipped > H5_FIRST_PAGE_BUDGET) problems.push(`H5 first page ${kB(gzipped)} gzipped is over ${kB(H5_FIRST_PAGE_BUDGET)}`);
    if (copies.length) problems.push(`Taro's H5 components are copied outside the shared chunk, into ${copies.join(', ')}`);
  }
  for (const p of problems) console.error(`✘ ${p}`);
  if (!problems.length) console.log('✔ mini-program sizes within budget');
  return problems.length ? 1 : 0;
}

process.exit(main());
