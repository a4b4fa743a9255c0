// The platform: WeChat's map and H5's action sheet (only what platform/map.ts calls).
const taro = {
  openLocation: jest.fn(async (_options: unknown) => ({ errMsg: 'openLocation:ok' })),
  showActionSheet: jest.fn(async (_options: unknown) => ({ tapIndex: 1, errMsg: 'showActionSheet:ok' })),
  setClipboardData: jest.fn(async (_options: unknown) => ({ errMsg: 'setClipboardData:ok' })),
};
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: taro }));

import { amapMarkerUrl, openPlace } from '../src/platform/map';
import {
  badgeText,
  cancelToast,
  formatPickupSlot,
  isMainlandMobile,
  maskPhone,
  slotDayLabel,
  slotsByDay,
  slotTimeLabel,
} from '../src/utils/checkout';
import { formatMemberNo } from '../src/utils/member-no';

/** An instant given as Asia/Shanghai wall time. */
const sh = (local: string) => new Date(`${local}+08:00`).toISOString();
const NOW = Date.parse(sh('2026-12-04T09:10:00'));

describe('cancelToast', () => {
  test.each([
    ['cancelled', '订单已取消'],
    ['paid_meanwhile', '订单已支付，无需取消'],
    ['not_pending', '订单状态已更新'],
  ] as const)('%s → %s', (result, text) => {
    expect(cancelToast(result)).toBe(text);
  });
});

describe('提货人手机号', () => {
  test.each([
    ['13912345678', true],
    [' 19912345678 ', true],
    ['12912345678', false],
    ['1391234567', false],
    ['139123456789', false],
    ['139-1234-5678', false],
    ['', false],
  ])('%j is a mainland mobile: %s', (phone, ok) => {
    expect(isMainlandMobile(phone)).toBe(ok);
  });

  test('masks the middle four digits', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});

describe('自提时间 labels (Asia/Shanghai, whatever the phone’s zone)', () => {
  test.each([
    [sh('2026-12-04T14:00:00'), '今天'],
    [sh('2026-12-04T23:30:00'), '今天'],
    [sh('2026-12-05T00:30:00'), '明天'],
    [sh('2026-12-06T10:00:00'), '后天'],
    [sh('2026-12-09T10:00:00'), '12月9日'],
  ])('%s is %s', (start, label) => {
    expect(slotDayLabel(start, NOW)).toBe(label);
  });

  test('reads a slot as day and window', () => {
    const slot = { start: sh('2026-12-05T09:30:00'), end: sh('2026-12-05T10:30:00') };
    expect(slotTimeLabel(slot)).toBe('09:30-10:30');
    expect(formatPickupSlot(slot, NOW)).toBe('明天 09:30-10:30');
  });

  test('groups slots by day in time order', () => {
    const slots = ['2026-12-04T20:30:00', '2026-12-05T09:30:00', '2026-12-05T10:30:00'].map((start) => ({
      start: sh(start),
      end: sh(start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)),
    }));
    expect(slotsByDay(slots, NOW).map((day) => [day.label, day.slots.length])).toEqual([
      ['今天', 1],
      ['明天', 2],
    ]);
  });
});

describe('我的 badges', () => {
  test.each([
    [0, null],
    [-1, null],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [2048, '99+'],
  ])('%i → %j', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });
});

test('会员号 reads in groups of four', () => {
  expect(formatMemberNo('8112773125')).toBe('8112 7731 25');
});

test('导航到店 on H5 opens 高德’s marker page at the store (GCJ-02, lng first)', () => {
  const url = amapMarkerUrl({ name: '静安嘉里店', address: '南京西路1515号', lat: 31.22436, lng: 121.44687 });
  expect(url).toBe(
    `https://uri.amap.com/marker?position=121.44687,31.22436&name=${encodeURIComponent('静安嘉里店')}&src=${encodeURIComponent('悦享生活')}&coordinate=gaode&callnative=1`,
  );
});

describe('导航到店 (platform/map.ts)', () => {
  const place = { name: '静安嘉里店', address: '南京西路1515号', lat: 31.22436, lng: 121.44687 };
  afterEach(() => {
    Reflect.deleteProperty(process.env, 'TARO_ENV');
    jest.clearAllMocks();
  });

  test('weapp opens WeChat’s map at the store', async () => {
    process.env.TARO_ENV = 'weapp';
    await openPlace(place);
    expect(taro.openLocation).toHaveBeenCalledWith({
      latitude: 31.22436,
      longitude: 121.44687,
      name: place.name,
      address: place.address,
      scale: 16,
    });
    expect(taro.showActionSheet).not.toHaveBeenCalled();
  });

  test('H5 offers 高德 or the address, and copies the address when asked', async () => {
    process.env.TARO_ENV = 'h5';
    await openPlace(place);
    expect(taro.openLocation).not.toHaveBeenCalled();
    expect(taro.showActionSheet).toHaveBeenCalledWith({ itemList: ['用高德地图导航', '复制门店地址'] });
    expect(taro.setClipboardData).toHaveBeenCalledWith({ data: '静安嘉里店 南京西路1515号' });
  });
});
