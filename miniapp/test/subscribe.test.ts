import { fake, requests, resetTaro, storage, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

type Subscribe = typeof import('../src/platform/subscribe');

const TEMPLATES = { groupResult: 'TPL-GROUP', pickupReady: 'TPL-PICKUP', couponExpiring: 'TPL-COUPON' };

/** platform/subscribe.ts loaded fresh (its cache empty) as the build for `platform` would run it. */
function load(platform: 'weapp' | 'h5'): Subscribe {
  process.env.TARO_ENV = platform;
  let subject!: Subscribe;
  jest.isolateModules(() => {
    subject = jest.requireActual<Subscribe>('../src/platform/subscribe');
  });
  return subject;
}

function bffHands(templates: Record<string, string>) {
  fake.respond = (call) =>
    call.url === 'http://bff.test/api/notify/templates'
      ? { statusCode: 200, data: templates }
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
}

/** The customer's answer in WeChat's dialog, per template id. */
function customerAnswers(choice: (id: string) => 'accept' | 'reject' | 'ban') {
  taro.requestSubscribeMessage.mockImplementationOnce(async ({ tmplIds }) => ({
    errMsg: 'requestSubscribeMessage:ok',
    ...Object.fromEntries(tmplIds.map((id) => [id, choice(id)])),
  }));
}

beforeEach(() => resetTaro());

describe('askSubscribe on weapp', () => {
  it.each([
    ['order_submitted', ['TPL-PICKUP']],
    ['group_start', ['TPL-GROUP', 'TPL-PICKUP']],
    ['group_join', ['TPL-GROUP', 'TPL-PICKUP']],
  ] as const)('%s asks for %j, the ids the BFF hands out', async (moment, ids) => {
    bffHands(TEMPLATES);
    const { askSubscribe, preloadSubscribeTemplates } = load('weapp');
    await preloadSubscribeTemplates();
    customerAnswers(() => 'accept');

    expect(await askSubscribe(moment)).toEqual(ids);
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(taro.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(ids);
  });

  it('opens the dialog synchronously inside the tap, with no request in between', async () => {
    bffHands(TEMPLATES);
    const { askSubscribe, preloadSubscribeTemplates } = load('weapp');
    await preloadSubscribeTemplates();
    const before = requests.length;

    const asked = askSubscribe('group_start');
    // WeChat opens the dialog only while the tap is being handled: no await may come first.
    expect(taro.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(requests.length).toBe(before);
    await asked;
  });

  it('a refusal or a failed call resolves, so the flow carries on', async () => {
    bffHands(TEMPLATES);
    const { askSubscribe, preloadSubscribeTemplates } = load('weapp');
    await preloadSubscribeTemplates();

    customerAnswers((id) => (id === 'TPL-GROUP' ? 'accept' : 'reject'));
    expect(await askSubscribe('group_join')).toEqual(['TPL-GROUP']);

    customerAnswers(() => 'reject');
    expect(await askSubscribe('order_submitted')).toEqual([]);

    taro.requestSubscribeMessage.mockRejectedValueOnce({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail 用户关闭了主开关' });
    await expect(askSubscribe('order_submitted')).resolves.toEqual([]);
  });

  it('the ids of the last launch let a cold start ask before the BFF answers', async () => {
    storage.set('notify.templates', TEMPLATES);
    fake.respond = () => new Promise(() => undefined); // the BFF has not answered yet
    const { askSubscribe } = load('weapp');
    customerAnswers(() => 'accept');

    expect(await askSubscribe('order_submitted')).toEqual(['TPL-PICKUP']);
  });

  it('with no ids known (BFF unreachable at launch) a tap does not ask but fetches them, so the next tap asks', async () => {
    fake.respond = () => ({ statusCode: 503, data: { code: 'UNAVAILABLE', message: '服务开小差了' } });
    const { askSubscribe, preloadSubscribeTemplates } = load('weapp');
    await preloadSubscribeTemplates();

    bffHands(TEMPLATES);
    expect(await askSubscribe('order_submitted')).toEqual([]);
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(taro.showToast).not.toHaveBeenCalled();

    await preloadSubscribeTemplates(); // the fetch that tap started
    customerAnswers(() => 'accept');
    expect(await askSubscribe('order_submitted')).toEqual(['TPL-PICKUP']);
  });

  it('a template the BFF does not hand out (开抢提醒 before it is configured) is skipped, not asked empty', async () => {
    bffHands(TEMPLATES);
    const { askSubscribe, preloadSubscribeTemplates } = load('weapp');
    await preloadSubscribeTemplates();
    expect(await askSubscribe('flash_reminder')).toEqual([]);
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();

    bffHands({ ...TEMPLATES, flashStart: 'TPL-FLASH' });
    const fresh = load('weapp');
    await fresh.preloadSubscribeTemplates();
    customerAnswers(() => 'accept');
    expect(await fresh.askSubscribe('flash_reminder')).toEqual(['TPL-FLASH']);
  });
});

describe('moments', () => {
  it('no moment asks for more than WeChat takes in one call (3)', () => {
    const { SUBSCRIBE_MOMENTS } = load('weapp');
    for (const names of Object.values(SUBSCRIBE_MOMENTS)) expect(names.length).toBeLessThanOrEqual(3);
  });
});

describe('askSubscribe on H5', () => {
  it('is a no-op: no dialog, no request', async () => {
    bffHands(TEMPLATES);
    const { askSubscribe, preloadSubscribeTemplates } = load('h5');
    await preloadSubscribeTemplates();

    expect(await askSubscribe('group_start')).toEqual([]);
    expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
  });
});
