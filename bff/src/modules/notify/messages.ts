import { z } from 'zod';
import type { Config } from '../../config';
import {
  CouponExpiringPayload,
  FlashStartingPayload,
  LiveStartingPayload,
  GroupFailedPayload,
  GroupResultPayload,
  PickupReadyPayload,
  type DeliveredTopic,
} from '../outbox';
import { amount, characterString, shanghaiMinute, thing } from './values';

/**
 * Subscribe messages (订阅消息) for outbox topics, as pure functions: payload in, template id,
 * page and keyword values out. The keyword names must match the templates chosen in the
 * mini-program admin, so each template's layout is written down next to its renderer.
 */

export type Templates = Config['notifyTemplates'];
/** A message before its recipient's openid is looked up. */
export type MessageDraft = { memberId: number; templateId: string; page: string; data: Record<string, { value: string }> };
export type RenderContext = { templates: Templates; /** when the event happened: the outbox row's created_at */ at: Date };
export type Rendered = { ok: true; message: MessageDraft } | { ok: false; reason: string };

/** Shown as each template's 拼团结果 / 订单状态; a `phrase` holds at most 5 characters. */
export const PHRASES = { groupSucceeded: '拼团成功', groupFailed: '拼团失败', pickupReady: '待取货' } as const;

const groupPage = (groupId: number) => `pages/group/detail?id=${groupId}`;

/**
 * 拼团结果通知: thing1 商品名称 · amount2 拼团金额 · time3 时间 · phrase4 拼团结果 · thing5 温馨提示.
 * Success and failure share the template, so one subscription covers whichever happens.
 */
function groupResultData(p: z.output<typeof GroupResultPayload>, at: Date, result: string, hint: string) {
  return {
    thing1: { value: thing(p.campaignTitle, '拼团商品') },
    amount2: { value: amount(p.payableFen) },
    time3: { value: shanghaiMinute(at) },
    phrase4: { value: result },
    thing5: { value: thing(hint, '请查看拼团详情') },
  };
}

export function groupSucceededMessage(p: z.output<typeof GroupResultPayload>, { templates, at }: RenderContext): MessageDraft {
  const hint = `${p.groupSize}人团已成团，商家正在备货`;
  return {
    memberId: p.memberId,
    templateId: templates.groupResult,
    page: groupPage(p.groupId),
    data: groupResultData(p, at, PHRASES.groupSucceeded, hint),
  };
}

export function groupFailedMessage(p: z.output<typeof GroupFailedPayload>, { templates, at }: RenderContext): MessageDraft {
  const hint = p.refunded ? '未成团，款项已原路退回' : '未成团，款项将原路退回';
  return {
    memberId: p.memberId,
    templateId: templates.groupResult,
    page: groupPage(p.groupId),
    data: groupResultData(p, at, PHRASES.groupFailed, hint),
  };
}

/** 取货提醒: character_string1 订单编号 · thing2 取货门店 · time3 取货截止时间 · phrase4 订单状态 · thing5 温馨提示. */
export function pickupReadyMessage(p: z.output<typeof PickupReadyPayload>, { templates }: RenderContext): MessageDraft {
  return {
    memberId: p.memberId,
    templateId: templates.pickupReady,
    page: `pages/order/index?id=${p.orderId}`,
    data: {
      character_string1: { value: characterString(p.orderNo) },
      thing2: { value: thing(p.storeName, '下单门店') },
      time3: { value: shanghaiMinute(new Date(p.pickupDeadline)) },
      phrase4: { value: PHRASES.pickupReady },
      thing5: { value: p.reminder ? '商品已为您保留，逾期将自动退款' : '商品已备好，请凭取货码到店自提' },
    },
  };
}

/** 优惠券到期提醒: thing1 优惠券名称 · time2 到期时间 · thing3 温馨提示. */
export function couponExpiringMessage(p: z.output<typeof CouponExpiringPayload>, { templates }: RenderContext): MessageDraft {
  const hint = p.count > 1 ? `您有${p.count}张优惠券明天到期，别错过` : '您的优惠券明天到期，别错过';
  return {
    memberId: p.memberId,
    templateId: templates.couponExpiring,
    page: 'pages/coupon-mine/index',
    data: {
      thing1: { value: thing(p.couponName, '优惠券') },
      time2: { value: shanghaiMinute(new Date(p.validTo)) },
      thing3: { value: thing(hint, '优惠券即将到期') },
    },
  };
}

/**
 * 秒杀开抢提醒: thing1 活动名称 · amount2 秒杀价 · time3 开抢时间 · thing4 温馨提示. Opens the 秒杀
 * page on the sale's session.
 */
export function flashStartingMessage(p: z.output<typeof FlashStartingPayload>, { templates }: RenderContext): MessageDraft {
  return {
    memberId: p.memberId,
    templateId: templates.flashStart,
    page: `pages/flash/index?saleId=${p.flashSaleId}`,
    data: {
      thing1: { value: thing(p.title, '限时秒杀') },
      amount2: { value: amount(p.priceFen) },
      time3: { value: shanghaiMinute(new Date(p.startsAt)) },
      thing4: { value: thing('你预约的秒杀即将开抢，数量有限先到先得', '秒杀即将开抢') },
    },
  };
}

/**
 * 直播开播提醒: thing1 直播主题 · thing2 主播 · time3 开播时间 · thing4 温馨提示. Opens the live
 * room's page.
 */
export function liveStartingMessage(p: z.output<typeof LiveStartingPayload>, { templates }: RenderContext): MessageDraft {
  return {
    memberId: p.memberId,
    templateId: templates.liveStart,
    page: `pages/live/detail?id=${p.liveRoomId}`,
    data: {
      thing1: { value: thing(p.title, '直播即将开始') },
      thing2: { value: thing(p.hostName, '主播') },
      time3: { value: shanghaiMinute(new Date(p.startsAt)) },
      thing4: { value: thing('你预约的直播即将开播，专享价和券等你来', '直播即将开始') },
    },
  };
}

/** Validates the payload before rendering: a producer's bug becomes a reason, not an exception. */
function topic<S extends z.ZodType>(schema: S, render: (payload: z.output<S>, context: RenderContext) => MessageDraft) {
  return (payload: unknown, context: RenderContext): Rendered => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return { ok: true, message: render(parsed.data, context) };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `bad_payload: ${issue.path.join('.')} ${issue.message}`.slice(0, 255) };
  };
}

const RENDERERS: Record<DeliveredTopic, (payload: unknown, context: RenderContext) => Rendered> = {
  'group.succeeded': topic(GroupResultPayload, groupSucceededMessage),
  'group.failed': topic(GroupFailedPayload, groupFailedMessage),
  'pickup.ready': topic(PickupReadyPayload, pickupReadyMessage),
  'coupon.expiring': topic(CouponExpiringPayload, couponExpiringMessage),
  'flash.starting': topic(FlashStartingPayload, flashStartingMessage),
  'live.starting': topic(LiveStartingPayload, liveStartingMessage),
};

/** The outbox topics that become subscribe messages. */
export const NOTIFY_TOPICS = Object.keys(RENDERERS);

export function renderMessage(topicName: string, payload: unknown, context: RenderContext): Rendered {
  const render = RENDERERS[topicName as DeliveredTopic];
  return render ? render(payload, context) : { ok: false, reason: `unknown topic ${topicName}` };
}
