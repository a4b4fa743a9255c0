import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** The built H5 app the browser tests serve; E2E_H5_DIST points at another build (TARO_OUTPUT_ROOT). */
export const H5_DIST = process.env.E2E_H5_DIST ? resolve(process.env.E2E_H5_DIST) : join(REPO_ROOT, 'miniapp', 'dist', 'h5');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'artifacts', 'screenshots');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Where the served bundle should send its requests (see miniapp/src/config.ts). */
export type Endpoints = { apiBase: string; sandboxBase: string };

/**
 * Serves a built H5 app on 127.0.0.1. Unknown paths fall back to index.html, so the app also
 * works if the router is switched to browser mode. Port 0 (default) picks a free port. With
 * `endpoints`, index.html tells the app which BFF and sandbox to use (tests run their own).
 */
export async function serveStatic(dir: string, port = 0, endpoints?: Endpoints): Promise<StaticServer> {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!(await isFile(index))) {
    throw new Error(`${index} is missing: run npm run build:h5 first`);
  }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(root, path));
    const inside = file === root || file.startsWith(root + sep);
    void (async () => {
      const target = inside && (await isFile(file)) ? file : index;
      res.writeHead(200, { 'Content-Type': MIME[extname(target)] ?? 'application/octet-stream' });
      const body = await readFile(target);
      res.end(target === index && endpoints ? withEndpoints(body.toString('utf8'), endpoints) : body);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ready);
  });
  const { port: actual } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${actual}`, close: () => closeServer(server) };
}

export interface Browser {
  context: BrowserContext;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/** Debian's chromium in a fresh profile, sized like a 375 pt phone at 2× density. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'shop-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 375, height: 700 },
    deviceScaleFactor: 2,
    // Playwright refuses --user-data-dir here; the profile is the first argument instead.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves the window as artifacts/screenshots/<name>.png once the images in view have loaded
 * (or failed), and returns the file's path.
 */
/** Pages stay mounted (hidden) under the one on top, so every lookup keeps to what is visible. */
export const visible = (locator: Locator) => locator.locator('visible=true').first();

/** A screenshot right after a navigation: a page just pushed may not have started sliding in yet. */
export async function settledScreenshot(page: Page, name: string): Promise<string> {
  await page.waitForTimeout(400);
  return screenshot(page, name);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  // Two frames let lazy images that just scrolled into view receive their src.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForFunction(() => Array.from(document.images).every((img) => !img.getAttribute('src') || img.complete));
  // Taro's H5 router slides pages in: wait until no transition or animation is still running
  // (infinite ones, such as spinners, do not count).
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

function withEndpoints(html: string, endpoints: Endpoints): string {
  const script = `<script>window.__SHOP_ENDPOINTS__=${JSON.stringify(endpoints)}</script>`;
  return html.replace('<head>', `<head>${script}`);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done, fail) => server.close((error) => (error ? fail(error) : done())));
}

/**
 * Makes the H5 app sign in as a seeded demo account (see miniapp/src/services/session.ts:
 * the key and Taro's `{data}` storage wrapper must match).
 */
export async function useDemoAccount(context: BrowserContext, openid: string): Promise<void> {
  await context.addInitScript((value) => {
    localStorage.setItem('auth.demoOpenid', JSON.stringify({ data: value }));
  }, openid);
}
