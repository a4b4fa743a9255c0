import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runLoad } from '../../src/bench/load';
import { topFrames } from '../../src/bench/profile';
import { rsaSignsPerSecond, SIGNATURES_PER_PREPAY } from '../../src/bench/rsa-bound';

/** The bench's pieces work without running the bench itself (CI never runs `npm run bench`). */
describe('bench harness', () => {
  it('drives a server with templated requests and fresh idempotency keys, and counts statuses', async () => {
    const seen: { method: string; url: string; key?: string }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, key: req.headers['idempotency-key'] as string | undefined });
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const summary = await runLoad({
        id: 1,
        base: `http://127.0.0.1:${port}`,
        requests: [
          { method: 'GET', path: '/a' },
          { method: 'POST', path: '/missing', body: '{}' },
        ],
        connections: 2,
        amount: 40,
        idempotencyPrefix: 'k',
      });
      expect(summary.requests).toBe(40);
      expect(summary.statusCodes['200'] + summary.statusCodes['404']).toBe(40);
      expect(summary.statusCodes['404']).toBeGreaterThan(0);
      expect(new Set(seen.map((s) => s.key)).size).toBe(seen.length);
      expect(seen.some((s) => s.method === 'POST' && s.url === '/missing')).toBe(true);
    } finally {
      server.close();
    }
  });

  it('ranks profile frames by self time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prof-'));
    const frame = (id: number, functionName: string, hitCount: number) => ({
      id,
      hitCount,
      callFrame: { functionName, url: 'file:///x/node_modules/lib/a.js', lineNumber: id },
    });
    fs.writeFileSync(path.join(dir, 'a.cpuprofile'), JSON.stringify({ nodes: [frame(1, 'hot', 30), frame(2, 'cold', 10)] }));
    const frames = topFrames(dir, 5);
    expect(frames.map((f) => f.name)).toEqual(['hot', 'cold']);
    expect(frames[0].selfPct).toBeCloseTo(75);
    expect(frames[0].where).toBe('lib/a.js:2');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('measures the RSA-2048 signing bound the prepay target is a share of', () => {
    const perSecond = rsaSignsPerSecond(0.3);
    // Any machine this runs on signs dozens a second at least; a broken loop gives 0 or Infinity.
    expect(perSecond).toBeGreaterThan(20);
    expect(Number.isFinite(perSecond)).toBe(true);
    expect(SIGNATURES_PER_PREPAY).toBe(2);
  });
});
