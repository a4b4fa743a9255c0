import cluster from 'node:cluster';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run start:cluster`: BFF_WORKERS (default: one per core) copies of main.ts sharing one
 * port through node:cluster. The BFF keeps no state of its own between requests (sessions,
 * caches, gates and jobs are in Redis; the in-process catalog cache is invalidated over Redis
 * pub/sub), so any worker can answer any request. A worker that dies is replaced; SIGTERM /
 * SIGINT are passed on and each worker drains its in-flight requests (main.ts).
 */
const workers = Number(process.env.BFF_WORKERS ?? os.availableParallelism());
if (!Number.isInteger(workers) || workers < 1) throw new Error(`BFF_WORKERS must be a positive integer, not ${process.env.BFF_WORKERS}`);

// The build runs dist/main.js; under tsx (dev) the source file, with tsx's loader inherited.
const built = path.join(__dirname, 'main.js');
cluster.setupPrimary({ exec: fs.existsSync(built) ? built : path.join(__dirname, 'main.ts') });

let stopping = false;
for (let i = 0; i < workers; i++) cluster.fork();
cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    return;
  }
  console.error(JSON.stringify({ msg: 'bff worker died, starting another', pid: worker.process.pid, code, signal }));
  cluster.fork();
});
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
console.log(JSON.stringify({ msg: 'bff cluster primary', pid: process.pid, workers }));
