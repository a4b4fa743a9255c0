import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SANDBOX_MARKERS, sandboxMarkersIn } from '../../src/lib/bundle-hygiene';
import { ROOT } from '../../src/lib/paths';

/**
 * A weapp build is what ships to WeChat (docs/architecture.md#production-builds). The bundle
 * itself is scanned by `npm run check:size` on the one production build CI makes (a second build
 * here would double the slowest step); these check the scanner, and that a production build
 * without an HTTPS API base refuses to start.
 */
const MINIAPP = path.join(ROOT, 'miniapp');

function tempBundle(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-hygiene-'));
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}

describe('the sandbox marker scan', () => {
  it('finds each marker, in JS, JSON and WXML files of any folder', () => {
    const dir = tempBundle({
      'common.js': 'e.showModal({title:"微信支付（本地沙箱）"});fetch("http://127.0.0.1:3100/sandbox/pay/confirm")',
      'pages/me/index.json': '{"usingComponents":{}}',
      'sub/profile/index.wxml': '<view>http://localhost:3000</view>',
    });
    expect(sandboxMarkersIn(dir)).toEqual(
      expect.arrayContaining([
        { file: 'common.js', marker: '本地沙箱' },
        { file: 'common.js', marker: '/sandbox/' },
        { file: 'common.js', marker: '127.0.0.1' },
        { file: 'sub/profile/index.wxml', marker: 'localhost:' },
      ]),
    );
    expect(sandboxMarkersIn(dir)).toHaveLength(4);
    fs.rmSync(dir, { recursive: true });
  });

  it('passes a bundle that talks to the HTTPS BFF only (pictures are not read as text)', () => {
    const dir = tempBundle({
      'common.js': 'var API="https://api.example.com";e.requestPayment(p)',
      'assets/tabbar/home.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Buffer.from('/sandbox/')]),
    });
    expect(sandboxMarkersIn(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('covers the sandbox routes, its copy and loopback addresses', () => {
    expect(SANDBOX_MARKERS).toEqual(expect.arrayContaining(['/sandbox/', '本地沙箱', '127.0.0.1']));
  });
});

describe('a production weapp build', () => {
  const output = `dist/weapp-hygiene-${process.pid}`;
  afterAll(() => fs.rmSync(path.join(MINIAPP, output), { recursive: true, force: true }));

  const build = (apiBase: string | undefined) =>
    spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
      cwd: MINIAPP,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        TARO_OUTPUT_ROOT: output,
        ...(apiBase === undefined ? {} : { TARO_APP_API_BASE: apiBase }),
      },
    });

  it.each([
    ['no API base', undefined],
    ['a plain-HTTP API base', 'http://127.0.0.1:3000'],
    ['an address that is not a URL', 'api.example.com'],
  ])('refuses to start with %s, saying which variable to set', (_case, apiBase) => {
    const result = build(apiBase);
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(
      "A production weapp build needs the BFF's HTTPS address: TARO_APP_API_BASE=https://",
    );
    expect(fs.existsSync(path.join(MINIAPP, output, 'app.js'))).toBe(false);
  });
});
