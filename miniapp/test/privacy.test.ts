import { resetTaro, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

type Privacy = typeof import('../src/platform/privacy');
type ResolveOption = { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string };
type NeedListener = (resolve: (option: ResolveOption) => void, info: { referrer: string }) => void;

/** platform/privacy.ts loaded fresh for `platform`, its handler installed as on launch. */
function launch(platform: 'weapp' | 'h5' = 'weapp'): { privacy: Privacy; need: () => { answers: ResolveOption[] } } {
  process.env.TARO_ENV = platform;
  let privacy!: Privacy;
  jest.isolateModules(() => {
    privacy = jest.requireActual<Privacy>('../src/platform/privacy');
  });
  privacy.installPrivacyHandler();
  /** WeChat holds an API (getLocation, getPhoneNumber …) and asks for the agreement. */
  const need = () => {
    const listener = taro.onNeedPrivacyAuthorization.mock.calls.at(-1)?.[0] as NeedListener | undefined;
    if (!listener) throw new Error('no onNeedPrivacyAuthorization handler');
    const answers: ResolveOption[] = [];
    listener((option) => answers.push(option), { referrer: 'pages/store-picker/index' });
    return { answers };
  };
  return { privacy, need };
}

/** A page's popup on screen: what it is told to show. */
function popup(privacy: Privacy) {
  const shown: boolean[] = [];
  const stop = privacy.watchPrivacyPrompt((open) => shown.push(open));
  return { shown, stop };
}

/** The settled answer of a held API (the exposure report aside). */
const final = (answers: ResolveOption[]) => answers.filter((a) => a.event !== 'exposureAuthorization');

beforeEach(() => resetTaro());

test('同意 lets the held API go on with the agree button id WeChat checks', () => {
  const { privacy, need } = launch();
  const page = popup(privacy);
  const held = need();
  expect(page.shown).toEqual([true]);
  expect(held.answers).toEqual([{ event: 'exposureAuthorization' }]);

  privacy.agreePrivacy();
  expect(final(held.answers)).toEqual([{ event: 'agree', buttonId: privacy.PRIVACY_AGREE_BUTTON_ID }]);
  expect(page.shown).toEqual([true, false]);
});

test('拒绝 makes the held API fail (its caller falls back)', () => {
  const { privacy, need } = launch();
  const page = popup(privacy);
  const held = need();
  privacy.refusePrivacy();
  expect(final(held.answers)).toEqual([{ event: 'disagree' }]);
  expect(page.shown).toEqual([true, false]);
});

test('several needs at once share one popup and one answer', () => {
  const { privacy, need } = launch();
  const page = popup(privacy);
  const location = need();
  const phone = need();
  const avatar = need();
  expect(page.shown).toEqual([true]);

  privacy.agreePrivacy();
  for (const held of [location, phone, avatar]) expect(final(held.answers)).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }]);
  expect(page.shown).toEqual([true, false]);

  // A later need asks again.
  const later = need();
  expect(page.shown).toEqual([true, false, true]);
  privacy.refusePrivacy();
  expect(final(later.answers)).toEqual([{ event: 'disagree' }]);
});

test('with no popup on screen (a quiet check) the API fails at once instead of hanging', () => {
  const { privacy, need } = launch();
  const hidden = popup(privacy);
  hidden.stop(); // its page went under another one
  const held = need();
  expect(held.answers).toEqual([{ event: 'disagree' }]);
  expect(hidden.shown).toEqual([]);
});

test('a popup whose page goes away with the prompt open refuses, so nothing stays held', () => {
  const { privacy, need } = launch();
  const page = popup(privacy);
  const held = need();
  page.stop();
  expect(final(held.answers)).toEqual([{ event: 'disagree' }]);
});

test('a page shown while a need is open shows the popup at once', () => {
  const { privacy, need } = launch();
  const first = popup(privacy);
  need();
  const second = popup(privacy);
  expect(first.shown).toEqual([true]);
  expect(second.shown).toEqual([true]);
});

test('requirePrivacy resolves once agreed and rejects with PRIVACY_REFUSED on refusal', async () => {
  const { privacy } = launch();
  taro.requirePrivacyAuthorize.mockImplementationOnce(({ success }) => {
    success?.({ errMsg: 'requirePrivacyAuthorize:ok' });
  });
  await expect(privacy.requirePrivacy()).resolves.toBeUndefined();

  taro.requirePrivacyAuthorize.mockImplementationOnce(({ fail }) => {
    fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' });
  });
  await expect(privacy.requirePrivacy()).rejects.toMatchObject({
    code: 'PRIVACY_REFUSED',
    message: expect.stringContaining('隐私保护指引'),
  });
});

test('on H5 nothing is registered or shown', async () => {
  const { privacy } = launch('h5');
  expect(taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled();
  const page = popup(privacy);
  await expect(privacy.requirePrivacy()).resolves.toBeUndefined();
  privacy.openPrivacyContract();
  expect(taro.requirePrivacyAuthorize).not.toHaveBeenCalled();
  expect(taro.openPrivacyContract).not.toHaveBeenCalled();
  expect(page.shown).toEqual([]);
});

describe('refused, each use falls back', () => {
  it('location: the store list comes without distance, with the reason 隐私 (asking again shows the popup again)', async () => {
    process.env.TARO_ENV = 'weapp';
    let location!: typeof import('../src/platform/location');
    jest.isolateModules(() => {
      location = jest.requireActual('../src/platform/location');
    });
    taro.getLocation.mockRejectedValueOnce({ errno: 104, errMsg: 'getLocation:fail privacy permission is not authorized' });
    expect(await location.locate()).toEqual({ ok: false, reason: 'privacy' });
    taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    expect(await location.locate({ fresh: true })).toEqual({ ok: false, reason: 'denied' });
  });

  it('phone: WeChat withholds the number and the customer is told why', () => {
    process.env.TARO_ENV = 'weapp';
    let phone!: typeof import('../src/platform/phone');
    jest.isolateModules(() => {
      phone = jest.requireActual('../src/platform/phone');
    });
    expect(phone.phoneError('getPhoneNumber:fail privacy permission is not authorized')).toMatchObject({
      code: 'PHONE_PRIVACY_REFUSED',
      message: '同意隐私保护指引后才能使用微信手机号',
    });
    expect(phone.phoneError('getPhoneNumber:fail user deny')).toMatchObject({ code: 'PHONE_DENIED' });
  });
});
