import fs from 'node:fs';
import path from 'node:path';

export type Frame = { name: string; where: string; selfPct: number };

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };

/**
 * The heaviest functions by self time across the .cpuprofile files in `dir` (node --cpu-prof), as a
 * share of the time the process was busy: `(idle)` is left out (on a loaded box it is time the BFF
 * waited for a core or for I/O, not work).
 */
export function topFrames(dir: string, limit: number): Frame[] {
  if (!fs.existsSync(dir)) return [];
  const self = new Map<string, { name: string; where: string; hits: number }>();
  let total = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
    for (const node of profile.nodes) {
      const hits = node.hitCount ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)') continue;
      total += hits;
      const where = url ? `${shorten(url)}:${lineNumber + 1}` : '';
      const key = `${functionName}|${where}`;
      const entry = self.get(key) ?? { name: functionName || '(anonymous)', where, hits: 0 };
      entry.hits += hits;
      self.set(key, entry);
    }
  }
  return [...self.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, limit)
    .map((e) => ({ name: e.name, where: e.where, selfPct: total ? (100 * e.hits) / total : 0 }));
}

function shorten(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const bff = clean.indexOf('/bff/');
  return bff >= 0 ? clean.slice(bff + 1) : clean;
}
