import { retryDelayMs } from '../../src/jobs/outbox-relay';
import {
  flashStartingMessage,
  groupFailedMessage,
  liveStartingMessage,
  groupSucceededMessage,
  PHRASES,
  pickupReadyMessage,
  renderMessage,
  type RenderContext,
} from '../../src/modules/notify/messages';
import { amount, characterString, shanghaiMinute, thing } from '../../src/modules/notify/values';

const context: RenderContext = {
  templates: {
    groupResult: 'tpl-group-result',
    pickupReady: 'tpl-pickup-ready',
    couponExpiring: 'tpl-coupon-expiring',
    flashStart: 'tpl-flash-start',
    liveStart: 'tpl-live-start',
  },
  at: new Date('2026-11-22T07:00:00.000Z'), // 15:00 in Shanghai
};
const group = { memberId: 7, orderId: 70, groupId: 700, campaignTitle: '阳澄湖大闸蟹 4对装', groupSize: 3, payableFen: 5900 };
const pickup = {
  memberId: 8,
  orderId: 80,
  orderNo: 'SO261122150000123456',
  storeName: '静安寺店',
  pickupDeadline: '2026-11-24T13:30:00.000Z',
};

describe('keyword values follow WeChat’s rules', () => {
  it.each([
    ['short text stays', '静安寺店', '静安寺店'],
    ['exactly 20 characters stay', '一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['21 characters become 19 and …', '一二三四五六七八九十一二三四五六七八九十多', '一二三四五六七八九十一二三四五六七八九…'],
    ['whitespace runs collapse', '  大闸蟹\n\t4对装 ', '大闸蟹 4对装'],
    ['empty becomes the fallback', '   ', '拼团商品'],
    ['emoji count as one character', '😀'.repeat(21), `${'😀'.repeat(19)}…`],
  ])('thing: %s', (_case, input, expected) => {
    expect(thing(input, '拼团商品')).toBe(expected);
    expect(Array.from(thing(input, '拼团商品')).length).toBeLessThanOrEqual(20);
  });

  it.each([
    [5900, '59.00元'],
    [5905, '59.05元'],
    [1, '0.01元'],
    [0, '0.00元'],
    [1234567, '12345.67元'],
  ])('amount: %p fen → %p', (fen, expected) => {
    expect(amount(fen)).toBe(expected);
  });

  it.each([
    ['2026-11-22T07:00:00.000Z', '2026年11月22日 15:00'],
    ['2026-11-22T16:05:59.999Z', '2026年11月23日 00:05'], // past midnight in Shanghai: the next day
    ['2026-12-31T16:00:00.000Z', '2027年01月01日 00:00'],
  ])('time: %s → %s', (iso, expected) => {
    expect(shanghaiMinute(new Date(iso))).toBe(expected);
  });

  it.each([
    ['SO261122150000123456', 'SO261122150000123456'],
    ['SO 2611-22 订单', 'SO2611-22'],
    ['X'.repeat(40), 'X'.repeat(32)],
  ])('character_string: %p → %p', (input, expected) => {
    expect(characterString(input)).toBe(expected);
  });

  it('every phrase fits the 5-character limit', () => {
    for (const phrase of Object.values(PHRASES)) expect(Array.from(phrase).length).toBeLessThanOrEqual(5);
  });
});

describe('messages per topic', () => {
  it('拼团成功: the group result template, the group page, the campaign, price, time and result', () => {
    expect(groupSucceededMessage(group, context)).toEqual({
      memberId: 7,
      templateId: 'tpl-group-result',
      page: 'pages/group/detail?id=700',
      data: {
        thing1: { value: '阳澄湖大闸蟹 4对装' },
        amount2: { value: '59.00元' },
        time3: { value: '2026年11月22日 15:00' },
        phrase4: { value: '拼团成功' },
        thing5: { value: '3人团已成团，商家正在备货' },
      },
    });
  });

  it.each([
    [false, '未成团，款项将原路退回'],
    [true, '未成团，款项已原路退回'],
  ])('拼团失败 (refunded %p): same template and page, says where the money goes', (refunded, hint) => {
    const message = groupFailedMessage({ ...group, refunded }, context);
    expect(message).toMatchObject({ memberId: 7, templateId: 'tpl-group-result', page: 'pages/group/detail?id=700' });
    expect(message.data).toMatchObject({ phrase4: { value: '拼团失败' }, thing5: { value: hint }, amount2: { value: '59.00元' } });
  });

  it('取货提醒: the pickup template, the order page, order number, store and deadline in Shanghai time', () => {
    expect(pickupReadyMessage(pickup, context)).toEqual({
      memberId: 8,
      templateId: 'tpl-pickup-ready',
      page: 'pages/order/index?id=80',
      data: {
        character_string1: { value: 'SO261122150000123456' },
        thing2: { value: '静安寺店' },
        time3: { value: '2026年11月24日 21:30' },
        phrase4: { value: '待取货' },
        thing5: { value: '商品已备好，请凭取货码到店自提' },
      },
    });
  });

  it('the day-3 reminder uses the same template with a more urgent hint that fits thing5', () => {
    const message = pickupReadyMessage({ ...pickup, reminder: true }, context);
    expect(message.data.thing5.value).toBe('商品已为您保留，逾期将自动退款');
    expect(Array.from(message.data.thing5.value).length).toBeLessThanOrEqual(20);
    expect(message.data.phrase4).toEqual({ value: '待取货' });
  });

  it('a long campaign title is cut to fit thing1', () => {
    const message = groupSucceededMessage(
      { ...group, campaignTitle: '【限时拼团】新疆阿克苏冰糖心苹果 5斤装 果径80mm以上 产地直发' },
      context,
    );
    expect(Array.from(message.data.thing1.value)).toHaveLength(20);
    expect(message.data.thing1.value.endsWith('…')).toBe(true);
  });

  it.each([
    ['group.succeeded', group, true],
    ['group.failed', { ...group, refunded: true }, true],
    ['pickup.ready', pickup, true],
    ['group.failed', group, false], // refunded missing
    ['group.succeeded', { ...group, memberId: '7' }, false],
    ['pickup.ready', { ...pickup, pickupDeadline: 'tomorrow' }, false],
    ['pickup.ready', null, false],
    ['order.close_unpaid', { orderId: 1 }, false],
  ])('renderMessage(%p) accepts valid payloads only (%#)', (topic, payload, ok) => {
    const rendered = renderMessage(topic, payload, context);
    expect(rendered.ok).toBe(ok);
    if (!rendered.ok) expect(rendered.reason).toMatch(topic === 'order.close_unpaid' ? /^unknown topic/ : /^bad_payload/);
  });
});

describe('relay backoff', () => {
  it.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [4, 240_000],
    [7, 1_920_000],
    [8, 3_600_000], // capped at an hour
    [20, 3_600_000],
  ])('after failed attempt %p wait %p ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('秒杀开抢提醒', () => {
  it('renders the flashStart template: 活动名称, 秒杀价, 开抢时间 in Shanghai, a hint, and opens the 秒杀 page on the sale', () => {
    const message = flashStartingMessage(
      { memberId: 9, reminderId: 90, flashSaleId: 900, title: '14点场 天然乳胶枕', priceFen: 9900, startsAt: '2026-11-22T06:00:00.000Z' },
      context,
    );
    expect(message).toEqual({
      memberId: 9,
      templateId: 'tpl-flash-start',
      page: 'pages/flash/index?saleId=900',
      data: {
        thing1: { value: '14点场 天然乳胶枕' },
        amount2: { value: '99.00元' },
        time3: { value: '2026年11月22日 14:00' },
        thing4: { value: '你预约的秒杀即将开抢，数量有限先到先得' },
      },
    });
    for (const { value } of Object.values(message.data)) expect(Array.from(value).length).toBeLessThanOrEqual(20);
  });

  it('refuses a bad payload as a reason, not an exception', () => {
    expect(renderMessage('flash.starting', { memberId: 9 }, context)).toMatchObject({ ok: false });
  });
});

describe('直播开播提醒', () => {
  it('renders the liveStart template: 直播主题, 主播, 开播时间 in Shanghai, a hint, and opens the live room', () => {
    const message = liveStartingMessage(
      {
        memberId: 9,
        reminderId: 91,
        liveRoomId: 12,
        title: '换季上新 女装专场',
        hostName: '主播小满',
        startsAt: '2026-11-22T12:00:00.000Z',
      },
      context,
    );
    expect(message).toEqual({
      memberId: 9,
      templateId: 'tpl-live-start',
      page: 'pages/live/detail?id=12',
      data: {
        thing1: { value: '换季上新 女装专场' },
        thing2: { value: '主播小满' },
        time3: { value: '2026年11月22日 20:00' },
        thing4: { value: '你预约的直播即将开播，专享价和券等你来' },
      },
    });
    for (const { value } of Object.values(message.data)) expect(Array.from(value).length).toBeLessThanOrEqual(20);
  });

  it('refuses a bad payload as a reason, not an exception', () => {
    expect(renderMessage('live.starting', { memberId: 9 }, context)).toMatchObject({ ok: false });
  });
});
