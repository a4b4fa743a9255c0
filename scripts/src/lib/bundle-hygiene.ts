import fs from 'node:fs';
import path from 'node:path';

/**
 * What must never ship in a weapp bundle (docs/architecture.md#production-builds): the local
 * WeChat sandbox's routes and copy, and a loopback address (the dev BFF and sandbox). The build
 * keeps them out through the WECHAT_SANDBOX constant (miniapp/config/index.ts); this finds any
 * that came back.
 */
export const SANDBOX_MARKERS = ['/sandbox/', '本地沙箱', '127.0.0.1', 'localhost:'] as const;

export type MarkerHit = { file: string; marker: string };

/** Every marker in every text file (JS, JSON, WXML, WXSS) under `dir`, paths relative to it. */
export function sandboxMarkersIn(dir: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const file of filesUnder(dir)) {
    if (!/\.(js|json|wxml|wxss|wxs)$/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const marker of SANDBOX_MARKERS) {
      if (text.includes(marker)) hits.push({ file: path.relative(dir, file).split(path.sep).join('/'), marker });
    }
  }
  return hits;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
