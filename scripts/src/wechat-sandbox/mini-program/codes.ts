import type Router from '@koa/router';
import QRCode from 'qrcode';
import type { RequestState, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import { randomAlphanumeric } from '../ids';
import { checkAccessToken, mpError, mpFaults } from './common';

/** Scenes are at most 32 characters from this set (WeChat's docs). */
const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
/** URL links and schemes expire within 30 days at most. */
const MAX_LINK_DAYS = 30;

/**
 * The text a sandbox mini-program code encodes. Real codes are opaque to everyone but WeChat;
 * the sandbox's are readable so a test (or a person with a phone) can see where they lead.
 * The mini-program receives `scene` URL-encoded in `query.scene`, as on WeChat.
 */
export function wxacodeContent(appid: string, page: string, scene: string, envVersion: string): string {
  const params = new URLSearchParams({ appid, page, scene, env_version: envVersion });
  return `https://sandbox.weixin.local/wxacode?${params.toString()}`;
}

export function codeRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  /** getUnlimited: a real PNG on success, a JSON error otherwise (clients must check Content-Type). */
  router.post('/wxa/getwxacodeunlimit', mpFaults(deps, 'wxacode'), async (ctx) => {
    if (!checkAccessToken(deps, ctx)) return;
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return mpError(ctx, 47001);
    const {
      scene,
      page = '',
      env_version: envVersion = 'release',
      width,
      line_color: lineColor,
      auto_color: autoColor,
      is_hyaline: hyaline,
    } = body;
    if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) return mpError(ctx, 40169);
    if (typeof page !== 'string' || page.startsWith('/') || page.length > 1024) return mpError(ctx, 41030);
    if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) return mpError(ctx, 40097);
    // WeChat clamps width into 280–1280 px (default 430).
    const px = Math.min(1280, Math.max(280, typeof width === 'number' ? Math.round(width) : 430));
    const png = await QRCode.toBuffer(wxacodeContent(deps.creds.appid, page || 'pages/index/index', scene, envVersion), {
      type: 'png',
      width: px,
      margin: 2,
      errorCorrectionLevel: 'M',
      // pngjs's adaptive row filters take ~2 s per image under jest's VM; no filtering with the
      // default deflate strategy is ~20x faster and still a small, valid PNG.
      rendererOpts: { deflateStrategy: 0, filterType: 0 } as { deflateStrategy: number },
      color: { dark: autoColor === true ? '#000000ff' : rgbHex(lineColor), light: hyaline === true ? '#00000000' : '#ffffffff' },
    });
    deps.state.wxacodesIssued += 1;
    ctx.type = 'image/png';
    ctx.body = png;
  });

  router.post('/wxa/generate_urllink', mpFaults(deps, 'urllink'), (ctx) => {
    if (!checkAccessToken(deps, ctx)) return;
    const body = jsonObject(ctx.state.rawBody) ?? {};
    const link = makeLink(deps, body, body.path, body.query, body.env_version, 'url_link');
    if (typeof link === 'number') return mpError(ctx, link);
    ctx.body = { errcode: 0, errmsg: 'ok', url_link: link };
  });

  router.post('/wxa/generatescheme', mpFaults(deps, 'scheme'), (ctx) => {
    if (!checkAccessToken(deps, ctx)) return;
    const body = jsonObject(ctx.state.rawBody) ?? {};
    const jump = (body.jump_wxa && typeof body.jump_wxa === 'object' ? body.jump_wxa : {}) as Record<string, unknown>;
    const link = makeLink(deps, body, jump.path, jump.query, jump.env_version, 'scheme');
    if (typeof link === 'number') return mpError(ctx, link);
    ctx.body = { errcode: 0, errmsg: 'ok', openlink: link };
  });
}

/** Validates and records a URL link or scheme; returns the link or an errcode. */
function makeLink(
  deps: SandboxDeps,
  body: Record<string, unknown>,
  path: unknown,
  query: unknown,
  envVersion: unknown,
  kind: 'url_link' | 'scheme',
): string | number {
  if (path !== undefined && (typeof path !== 'string' || path.startsWith('/'))) return 40165;
  if (query !== undefined && (typeof query !== 'string' || query.length > 1024)) return 40212;
  const env = envVersion ?? 'release';
  if (typeof env !== 'string' || !ENV_VERSIONS.includes(env)) return 40097;
  const now = deps.now().getTime();
  const maxExpiry = now + MAX_LINK_DAYS * 24 * 3600 * 1000;
  let expiresAt = maxExpiry;
  if (body.expire_type === 1) {
    const days = body.expire_interval;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_LINK_DAYS) return 40097;
    expiresAt = now + days * 24 * 3600 * 1000;
  } else if (body.expire_time !== undefined) {
    const at = Number(body.expire_time) * 1000;
    if (!Number.isFinite(at) || at <= now || at > maxExpiry) return 40097;
    expiresAt = at;
  } else if (body.expire_interval !== undefined) {
    // expire_interval without expire_type 1 is still bounded by the 30-day rule.
    const days = body.expire_interval;
    if (typeof days !== 'number' || days < 1 || days > MAX_LINK_DAYS) return 40097;
  }
  const link = kind === 'url_link' ? `https://wxaurl.cn/${randomAlphanumeric(12)}` : `weixin://dl/business/?t=${randomAlphanumeric(12)}`;
  deps.state.urlLinks.push({
    kind,
    link,
    path: path as string | undefined,
    query: query as string | undefined,
    envVersion: env,
    expiresAt,
  });
  return link;
}

function rgbHex(color: unknown): string {
  if (!color || typeof color !== 'object') return '#000000ff';
  const { r, g, b } = color as Record<string, unknown>;
  const hex = (v: unknown) =>
    Math.min(255, Math.max(0, Number(v) || 0))
      .toString(16)
      .padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}ff`;
}
