/**
 * `npm run build`: the BFF as plain JavaScript for `node`, as a deployment runs it.
 *
 * esbuild bundles bff/src/main.ts, cluster.ts and migrate.ts with what they import from the workspace
 * (`@shop/db`, read from its TypeScript source through the `shop-source` condition) into
 * bff/dist/. npm packages stay external and load from node_modules, as they would on a server
 * after `npm ci --omit=dev`. No TypeScript is compiled at start-up (no tsx in production).
 * Types are checked by `npm run typecheck`, not here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../lib/paths';

const BFF = path.join(ROOT, 'bff');
const OUT = path.join(BFF, 'dist');

/** Everything the BFF and db depend on from npm; workspace packages (@shop/*) are bundled. */
function externals(): string[] {
  const names = new Set<string>();
  for (const pkg of ['bff', 'db']) {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, pkg, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) if (!name.startsWith('@shop/')) names.add(name);
  }
  return [...names].flatMap((name) => [name, `${name}/*`]);
}

export async function buildBff(): Promise<{ outDir: string; files: string[] }> {
  const started = performance.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      main: path.join(BFF, 'src', 'main.ts'),
      cluster: path.join(BFF, 'src', 'cluster.ts'),
      migrate: path.join(BFF, 'src', 'migrate.ts'),
    },
    outdir: OUT,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    conditions: ['shop-source'],
    external: externals(),
    sourcemap: true,
    // Names stay readable in --cpu-prof profiles and stack traces.
    minify: false,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
  const size = files.reduce((sum, file) => sum + fs.statSync(path.join(ROOT, file)).size, 0);
  console.log(
    `built ${files.map((f) => path.relative(ROOT, path.join(ROOT, f))).join(', ')} (${Math.round(size / 1024)} KiB) in ${Math.round(performance.now() - started)} ms`,
  );
  return { outDir: OUT, files };
}

if (require.main === module) {
  buildBff().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
