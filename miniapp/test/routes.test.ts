import { pageUrl, routes, upcomingRoutes } from '../src/routes';

type AppConfig = {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  tabBar: { list: { pagePath: string }[] };
};

/** app.config.ts as Taro reads it (defineAppConfig is a global Taro provides at build time). */
function appConfig(): AppConfig {
  (globalThis as { defineAppConfig?: (config: AppConfig) => AppConfig }).defineAppConfig = (config) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../src/app.config') as { default: AppConfig }).default;
}

const declared = () => {
  const config = appConfig();
  return [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
};

test.each(Object.entries(routes))('routes.%s is a page app.config.ts declares', (_name, route) => {
  expect(declared()).toContain(route.path);
});

test('app.config.ts declares no page without a route, and each once', () => {
  const pages = declared();
  expect(new Set(pages).size).toBe(pages.length);
  expect([...pages].sort()).toEqual(
    Object.values(routes)
      .map((route) => route.path)
      .sort(),
  );
});

test.each(Object.entries(upcomingRoutes))('upcomingRoutes.%s is not registered yet (move it into routes once it is)', (_name, route) => {
  expect(declared()).not.toContain(route.path);
});

test('the tab bar shows the tab pages in order, and the launch page comes first', () => {
  const config = appConfig();
  const tabs = [routes.home, routes.category, routes.cart, routes.me].map((route) => route.path);
  expect(config.tabBar.list.map((tab) => tab.pagePath)).toEqual(tabs);
  expect(config.pages[0]).toBe(routes.home.path);
});

test('URL builders: query in the order given, empty values left out, strings encoded, id lists joined', () => {
  expect(routes.home()).toBe('/pages/index/index');
  expect(routes.product({ id: 1 })).toBe('/pages/product/index?id=1');
  expect(routes.product({ id: 1, skuId: 7 })).toBe('/pages/product/index?id=1&skuId=7');
  expect(routes.search({ categoryId: 3, title: '连衣裙 & 半身裙' })).toBe(
    `/pages/search/index?categoryId=3&title=${encodeURIComponent('连衣裙 & 半身裙')}`,
  );
  expect(routes.storePicker({ skuIds: [1, 2], qty: [3, 1] })).toBe('/pages/store-picker/index?skuIds=1,2&qty=3,1');
  expect(routes.order({ id: 9, paying: undefined })).toBe('/pages/order/index?id=9');
  expect(routes.checkout({ from: 'group', campaignId: 2, groupId: null, skuId: 5, qty: 1, sharerId: 8 })).toBe(
    '/pages/checkout/index?from=group&campaignId=2&skuId=5&qty=1&sharerId=8',
  );
  expect(routes.staffVerify({ code: 'PICKUP:12345678' })).toBe('/pages/staff/verify?code=PICKUP%3A12345678');
  expect(routes.staffOrders({ tab: 'picked_up_today' })).toBe('/pages/staff/orders?tab=picked_up_today');
  expect(upcomingRoutes.live({ id: 4 })).toBe('/pages/live/detail?id=4');
  expect(pageUrl('pages/me/index', {})).toBe('/pages/me/index');
});
