import { fake, resetTaro, storage, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

type Modules = { badge: typeof import('../src/platform/cart-badge'); cart: typeof import('../src/services/cart') };

// The tab bar: 首页 · 分类 · 购物车 · 我的, so the cart is index 2.
const setBadge = jest.fn(async (_option: { index: number; text: string }) => ({ errMsg: 'setTabBarBadge:ok' }));
const removeBadge = jest.fn(async (_option: { index: number }) => ({ errMsg: 'removeTabBarBadge:ok' }));
Object.assign(taro, { setTabBarBadge: setBadge, removeTabBarBadge: removeBadge });

/** The badge and the cart services loaded fresh (the badge remembers what it showed per launch). */
function launch(): Modules {
  process.env.TARO_ENV = 'weapp';
  let modules!: Modules;
  jest.isolateModules(() => {
    modules = { badge: jest.requireActual('../src/platform/cart-badge'), cart: jest.requireActual('../src/services/cart') };
  });
  return modules;
}

const line = (skuId: number, qty: number) => ({
  skuId,
  productId: skuId,
  title: '商品',
  specText: '',
  imageUrl: '',
  priceFen: 100,
  listPriceFen: null,
  qty,
  selected: true,
  sellable: 10,
  state: 'ok',
  invalid: false,
});
const cartOf = (...qty: number[]) => ({
  items: qty.map((n, i) => line(i + 1, n)),
  selectedQty: qty.reduce((a, b) => a + b, 0),
  selectedAmountFen: 0,
  promotionHint: null,
});
const flush = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
  resetTaro();
  setBadge.mockClear();
  removeBadge.mockClear();
  storage.set('auth.token', 'token-1');
});

test('every cart answer sets the 购物车 badge to the pieces in the cart, through one helper', async () => {
  const { cart } = launch();
  let answer = cartOf(2, 1);
  fake.respond = () => ({ statusCode: 200, data: answer });

  await cart.getCart();
  await flush();
  expect(setBadge).toHaveBeenLastCalledWith({ index: 2, text: '3' });

  answer = cartOf(2, 1, 4);
  await cart.addCartItem({ skuId: 3, qty: 4 });
  await flush();
  expect(setBadge).toHaveBeenLastCalledWith({ index: 2, text: '7' });

  // The same count again costs no call.
  await cart.updateCartItem(3, { selected: false });
  await flush();
  expect(setBadge).toHaveBeenCalledTimes(2);

  answer = cartOf();
  await cart.removeCartItems([1, 2, 3]);
  await flush();
  expect(removeBadge).toHaveBeenLastCalledWith({ index: 2 });
});

test('past 99 pieces the badge says 99+', async () => {
  const { badge } = launch();
  badge.setCartBadge(120);
  await flush();
  expect(setBadge).toHaveBeenLastCalledWith({ index: 2, text: '99+' });
  expect(badge.badgeText(99)).toBe('99');
});

test('refused on a page that is not a tab page, the count is applied when a tab page shows', async () => {
  const { badge } = launch();
  setBadge.mockRejectedValueOnce({ errMsg: 'setTabBarBadge:fail not TabBar page' });
  badge.setCartBadge(5);
  await flush();
  expect(setBadge).toHaveBeenCalledTimes(1);

  badge.applyCartBadge();
  await flush();
  expect(setBadge).toHaveBeenCalledTimes(2);
  expect(setBadge).toHaveBeenLastCalledWith({ index: 2, text: '5' });
  badge.applyCartBadge();
  await flush();
  expect(setBadge).toHaveBeenCalledTimes(2);
});

test('signed out: refreshCartBadge clears the badge without asking the BFF', async () => {
  const { cart } = launch();
  storage.delete('auth.token');
  const asked = jest.fn();
  fake.respond = (call) => {
    asked(call.url);
    return { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
  };
  await cart.refreshCartBadge();
  await flush();
  expect(asked).not.toHaveBeenCalled();
  expect(removeBadge).toHaveBeenCalledWith({ index: 2 });
});
