import Router from '@koa/router';
import { eq } from 'drizzle-orm';
import { categories, liveRooms, members, products } from '@shop/db';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { errors } from '../../http/errors';
import { badgeSvg, coverSvg, productSvg } from './svg';

/**
 * Pictures for the demo retailer, referenced by the seed as /media/… (dev and tests only; a
 * real retailer's URLs point at its CDN and never reach this module).
 */
export function demoMediaRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/media' });
  const svg = (ctx: { type: string; body: unknown; set: (k: string, v: string) => void }, body: string) => {
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = body;
  };

  router.get('/p/:spu/:file', async (ctx) => {
    const [row] = await db
      .select({ title: products.title, brand: products.brand, category: categories.name })
      .from(products)
      .leftJoin(categories, eq(categories.id, products.categoryId))
      .where(eq(products.spu, ctx.params.spu))
      .limit(1);
    if (!row) throw errors.notFound();
    const initial = [...(row.category ?? row.title)].at(-1) ?? '品';
    svg(ctx, productSvg(`${ctx.params.spu}/${ctx.params.file}`, row.title, row.brand, initial));
  });

  router.get('/c/:file', async (ctx) => {
    const [row] = await db.select({ name: categories.name }).from(categories).where(eq(categories.iconUrl, ctx.path)).limit(1);
    if (!row) throw errors.notFound();
    svg(ctx, badgeSvg(ctx.params.file, row.name));
  });

  router.get('/avatar/:file', async (ctx) => {
    const [row] = await db.select({ nickname: members.nickname }).from(members).where(eq(members.avatarUrl, ctx.path)).limit(1);
    svg(ctx, badgeSvg(ctx.params.file, [...(row?.nickname || '会员')].at(-1)!));
  });

  router.get('/live/:file', async (ctx) => {
    const [row] = await db
      .select({ title: liveRooms.title, host: liveRooms.hostName })
      .from(liveRooms)
      .where(eq(liveRooms.coverUrl, ctx.path))
      .limit(1);
    if (!row) throw errors.notFound();
    svg(ctx, coverSvg(ctx.params.file, row.title, row.host));
  });

  return router;
}
