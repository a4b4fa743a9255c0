import type { LiveStatus } from '@shop/db';
import type { AppDeps } from '../../deps';
import { liveStatusAt, liveStatusText } from '../../domain/live-status';
import { shanghaiIso } from '../../domain/shanghai';
import { errors } from '../../http/errors';
import { claimedLiveDrops, claimLiveDrop, findMyCoupon, liveDropCoupons } from '../coupon';
import { audit } from '../staff';
import { dropsOf, featuredProducts, findDrop, findRoom, roomsNotOver, setStatusOverride, type LiveRoomRow } from './queries';

/**
 * Customer reads and the drop claim of live rooms (docs/domain.md#live-links). Shared parts are
 * cached in-process for a few seconds as rows; the status is computed at each request's clock,
 * and what a member claimed is read fresh (never in a shared cache).
 */
type Deps = Pick<AppDeps, 'db' | 'now' | 'readCache'>;

const SHORT_TTL_MS = 2_000;

function roomView(room: LiveRoomRow, now: Date) {
  const status = liveStatusAt(room, now);
  return {
    id: room.id,
    title: room.title,
    coverUrl: room.coverUrl,
    hostName: room.hostName,
    status,
    statusText: liveStatusText[status],
    startsAt: room.startsAt.toISOString(),
    endsAt: room.endsAt.toISOString(),
  };
}

/** 直播中 first, then 预告 by start; ended rooms are left out. */
export async function listLives(deps: Deps) {
  const rows = await deps.readCache.get('activity', 'home:lives', SHORT_TTL_MS, () => roomsNotOver(deps.db, deps.now()));
  const now = deps.now();
  const rooms = rows.map((room) => roomView(room, now)).filter((room) => room.status !== 'ended');
  rooms.sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live'));
  return { items: rooms };
}

async function roomSnapshot(deps: Deps, id: number) {
  return deps.readCache.get('activity', `live:${id}`, SHORT_TTL_MS, async () => {
    const room = await findRoom(deps.db, id);
    if (!room) return null;
    const [products, drops] = await Promise.all([featuredProducts(deps.db, id), dropsOf(deps.db, id)]);
    const coupons = await liveDropCoupons(deps.db, [...new Set(drops.map((d) => d.templateId))], deps.now());
    return { room, products, drops, coupons };
  });
}

export async function liveDetail(deps: Deps, id: number, memberId: number | null) {
  const snapshot = await roomSnapshot(deps, id);
  if (!snapshot) throw errors.notFound('LIVE_NOT_FOUND', '直播间不存在');
  const now = deps.now();
  const { room, products, drops, coupons } = snapshot;
  const view = roomView(room, now);
  const claimed = memberId
    ? await claimedLiveDrops(
        deps.db,
        memberId,
        drops.map((d) => d.id),
      )
    : new Set<number>();
  return {
    ...view,
    description: room.description,
    target: { finderUserName: room.finderUserName, feedId: room.feedId, legacyRoomId: room.legacyRoomId },
    // The live price is shown for 预告 and while live (charged only while live, live/prices.ts); gone once ended.
    products: products.map((p) => ({ ...p, livePriceFen: view.status === 'ended' ? null : p.livePriceFen })),
    drops: drops.flatMap((drop) => {
      const coupon = coupons.get(drop.templateId);
      if (!coupon) return [];
      const state = claimed.has(drop.id)
        ? ('claimed' as const)
        : view.status === 'ended' || !coupon.issuable
          ? ('ended' as const)
          : view.status === 'scheduled' || drop.dropAt > now
            ? ('upcoming' as const)
            : coupon.remaining === 0
              ? ('sold_out' as const)
              : ('claimable' as const);
      return [
        {
          id: drop.id,
          templateId: coupon.templateId,
          name: coupon.name,
          face: coupon.face,
          validityText: coupon.validityText,
          dropAt: drop.dropAt.toISOString(),
          remaining: coupon.remaining,
          state,
        },
      ];
    }),
  };
}

/**
 * 直播间领券: only while the broadcast is live and once the drop time has passed (422 otherwise);
 * the coupon module's one claim path keeps stock and per-user limits, one claim per drop.
 */
export async function claimDrop(deps: Deps, memberId: number, liveRoomId: number, dropId: number) {
  const now = deps.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const room = await findRoom(tx, liveRoomId);
    if (!room) throw errors.notFound('LIVE_NOT_FOUND', '直播间不存在');
    const drop = await findDrop(tx, liveRoomId, dropId);
    if (!drop) throw errors.notFound('LIVE_DROP_NOT_FOUND', '这张直播间优惠券不存在');
    const status = liveStatusAt(room, now);
    if (status === 'scheduled') throw errors.rule('LIVE_DROP_NOT_OPEN', '直播还没开始，开播后才能领券');
    if (status === 'ended') throw errors.rule('LIVE_DROP_CLOSED', '直播已结束，优惠券已停止发放');
    if (drop.dropAt > now) throw errors.rule('LIVE_DROP_NOT_OPEN', `优惠券将于 ${shanghaiIso(drop.dropAt).slice(11, 16)} 发放，请稍候`);
    return claimLiveDrop(tx, { dropId: drop.id, templateId: drop.templateId, memberId, now });
  });
  const coupon = await findMyCoupon(deps.db, memberId, claimed.userCouponId, now);
  if (!coupon) throw errors.notFound('COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在');
  return { coupon };
}

/**
 * Head office's override of a room's schedule (docs/domain.md#live-links): `scheduled` holds a
 * late start, `live` opens early or runs over, `ended` ends early, null follows the schedule
 * again. Audited with the status before and after, in one transaction with the change.
 */
export async function overrideStatus(
  deps: Deps,
  admin: Parameters<typeof audit>[1],
  liveRoomId: number,
  override: LiveStatus | null,
  userAgent: string,
) {
  const now = deps.now();
  const room = await deps.db.transaction(async (tx) => {
    const before = await findRoom(tx, liveRoomId, { forUpdate: true });
    if (!before) throw errors.notFound('LIVE_NOT_FOUND', '直播间不存在');
    await setStatusOverride(tx, liveRoomId, override, now);
    await audit(tx, admin, {
      action: 'live_room.status_override',
      targetType: 'live_room',
      targetId: liveRoomId,
      userAgent,
      detail: {
        before: { statusOverride: before.statusOverride, status: liveStatusAt(before, now) },
        after: { statusOverride: override, status: liveStatusAt({ ...before, statusOverride: override }, now) },
      },
    });
    return (await findRoom(tx, liveRoomId))!;
  });
  await deps.readCache.invalidate('activity');
  return { ...roomView(room, now), statusOverride: room.statusOverride };
}
