import { eq } from 'drizzle-orm';
import { members, type DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import type { Delivery, OutboxHandlers, OutboxRow } from '../outbox';
import { WechatApiError } from '../../wechat/ports';
import { renderMessage } from './messages';

type NotifyDeps = Pick<AppDeps, 'db' | 'wechat' | 'config'>;

/** The user holds no subscription for the template: final, since a subscribe message is a courtesy. */
const NOT_SUBSCRIBED = 43101;
/** invalid openid, invalid template_id, invalid page, argument invalid: sending again cannot help. */
const HOPELESS = new Set([40003, 40037, 41030, 47003]);

/**
 * Sends one outbox row as a subscribe message to its member. WeChat's busy answers, timeouts and
 * gateway errors are thrown, so the relay retries them with backoff.
 */
export async function sendNotification(deps: NotifyDeps, row: OutboxRow): Promise<Delivery> {
  const rendered = renderMessage(row.topic, row.payload, { templates: deps.config.notifyTemplates, at: row.createdAt });
  if (!rendered.ok) return { outcome: 'rejected', reason: rendered.reason };
  const { memberId, ...message } = rendered.message;
  const openid = await openidOf(deps.db, memberId);
  if (!openid) return { outcome: 'rejected', reason: `member_not_found ${memberId}` };
  try {
    await deps.wechat.sendSubscribeMessage({ toOpenid: openid, ...message });
    return { outcome: 'sent' };
  } catch (err) {
    if (!(err instanceof WechatApiError)) throw err;
    if (err.errcode === NOT_SUBSCRIBED) return { outcome: 'skipped', reason: 'not_subscribed' };
    if (HOPELESS.has(err.errcode)) return { outcome: 'rejected', reason: err.message.slice(0, 255) };
    throw err;
  }
}

async function openidOf(db: DbOrTx, memberId: number): Promise<string | undefined> {
  const [row] = await db.select({ openid: members.openid }).from(members).where(eq(members.id, memberId));
  return row?.openid;
}

/** Every delivered outbox topic is a subscribe message today; a new delivered topic must be added here (type error). */
export const notifyHandlers: OutboxHandlers = {
  'group.succeeded': sendNotification,
  'group.failed': sendNotification,
  'pickup.ready': sendNotification,
  'coupon.expiring': sendNotification,
  'flash.starting': sendNotification,
  'live.starting': sendNotification,
};
