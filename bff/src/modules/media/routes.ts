import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { errors } from '../../http/errors';
import { route } from '../../http/route';
import { MEDIA_KEY } from '../../media';
import { MediaSchema } from './schema';
import { readMedia, uploadMedia } from './service';

/** Uploads (signed-in members) and the public reads of what was uploaded. */
export function mediaRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/media',
      summary:
        'Upload one image (multipart/form-data: field file, optional purpose=after_sale); JPEG, PNG or WebP by content, at most MEDIA_MAX_BYTES (5 MB)',
      tags: ['media'],
      auth: true,
      response: MediaSchema,
      status: 201,
    },
    async (ctx) => uploadMedia(deps, ctx, requireMemberId(ctx)),
  );

  return router;
}

/**
 * GET /media/:key — the files themselves, like a CDN would serve them (not an API route, so not
 * in the OpenAPI document). Keys are random, so a URL is as private as whoever holds it; the
 * content type is the one the bytes were checked to be, and browsers are told not to sniff.
 */
export function mediaFileRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/media/:key', async (ctx) => {
    if (!MEDIA_KEY.test(ctx.params.key)) throw errors.notFound('NOT_FOUND', '图片不存在');
    const file = await readMedia(deps, ctx.params.key);
    if (!file) throw errors.notFound('NOT_FOUND', '图片不存在');
    ctx.type = file.mime;
    ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.body = file.bytes;
  });
  return router;
}
