import type { BrowserContext, Route } from 'playwright-core';

/**
 * A stand-in BFF and WeChat sandbox for UI tests of the H5 build: answers the endpoints the
 * pages call with shapes from shared/api.md, so layout can be checked before the real routes
 * exist. Behaviour tests belong against the real BFF.
 */
export const API = 'http://127.0.0.1:3000';
export const SANDBOX = 'http://127.0.0.1:3100';
const IMAGES = 'https://img.shop.test';

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();
const image = (hue: number) => `${IMAGES}/${hue}.svg`;

export const categories = [
  { name: '女装', children: ['连衣裙', 'T恤', '衬衫', '外套', '半身裙'] },
  { name: '男装', children: ['T恤', '衬衫', '夹克', '休闲裤'] },
  { name: '童装', children: ['童T恤', '童外套', '童裤', '婴童连体衣'] },
  { name: '家居', children: ['床品', '毛巾浴巾', '收纳'] },
  { name: '美妆个护', children: ['护肤', '彩妆', '洗护'] },
  { name: '鞋靴箱包', children: ['运动鞋', '双肩包'] },
  { name: '运动户外', children: ['运动服', '瑜伽垫'] },
].map((parent, i) => ({
  id: i + 1,
  name: parent.name,
  iconUrl: '',
  children: parent.children.map((name, j) => ({ id: 100 * (i + 1) + j, name, iconUrl: '', children: [] })),
}));

const products = [
  ['60支长绒棉床品四件套 贡缎工艺 丝滑亲肤', 39900, 59900, 12873],
  ['玻尿酸补水精华液', 12900, 16900, 8421],
  ['氨基酸温和洁面乳', 5900, null, 23110],
  ['清透防晒乳 SPF50+ PA++++ 轻薄不油腻', 8900, 12900, 5320],
  ['水洗棉夏凉被', 15900, 19900, 1988],
  ['丝绒哑光口红', 9900, null, 760],
] as const;

export const productPage = {
  items: products.map(([title, minPriceFen, listPriceFen, salesCount], i) => ({
    id: i + 1,
    title,
    subtitle: '',
    imageUrl: image(i * 50),
    minPriceFen,
    listPriceFen,
    salesCount,
  })),
  total: products.length,
};

export const flashSales = {
  items: [0, 1, 2, 3].map((i) => ({
    id: i + 1,
    title: products[i][0],
    productId: i + 1,
    imageUrl: image(i * 50),
    priceFen: Math.round(products[i][1] * 0.6),
    listPriceFen: products[i][1],
    startsAt: hours(-1),
    endsAt: hours(2),
    soldPercent: [86, 42, 15, 63][i],
  })),
};

export const groupBuys = {
  items: [0, 4].map((i, n) => ({
    id: n + 1,
    title: products[i][0],
    productId: i + 1,
    imageUrl: image(i * 50),
    groupPriceFen: Math.round(products[i][1] * 0.75),
    listPriceFen: products[i][1],
    groupSize: n === 0 ? 2 : 3,
    endsAt: hours(48),
  })),
};

export const lives = {
  items: [
    { id: 1, title: '夏季新品试穿直播', coverUrl: image(330), hostName: '文三路店 · 小林', status: 'live', startsAt: hours(-1) },
    { id: 2, title: '护肤小课堂：换季补水', coverUrl: image(200), hostName: '湖滨店 · 阿雅', status: 'scheduled', startsAt: hours(26) },
  ],
};

/** A store clerk as GET /api/me returns one (the BFF's Member schema). */
export const clerk = {
  id: 7,
  nickname: '林小满',
  avatarUrl: '',
  phone: '138****5678',
  birthday: null,
  tier: { code: 'silver', name: '白银会员', discountPercent: 85 },
  progress: {
    next: { code: 'gold', name: '黄金会员', discountPercent: 80, thresholdFen: 500000 },
    remainingFen: 268000,
    percent: 46,
  },
  totalSpentFen: 232000,
  points: 1280,
  staff: { storeId: 1, storeName: '悦享生活 文三路店', role: 'clerk' },
};

const routes: Record<string, unknown> = {
  '/api/categories': { items: categories },
  '/api/products': productPage,
  '/api/flashsales': flashSales,
  '/api/groupbuys': groupBuys,
  '/api/lives': lives,
};

const TOKEN = 'test-token';
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
};

function json(route: Route, status: number, body: unknown): Promise<void> {
  return route.fulfill({ status, headers: CORS, contentType: 'application/json', body: JSON.stringify(body) });
}

/** Serves the fixtures; `/api/me` demands the token that the stub login hands out. */
export async function stubBackend(context: BrowserContext, me: typeof clerk = clerk): Promise<void> {
  await context.route(`${API}/**`, (route) => {
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    const { pathname } = new URL(request.url());
    if (pathname === '/api/auth/login') return json(route, 200, { token: TOKEN, user: me });
    if (pathname === '/api/me') {
      return request.headers().authorization === `Bearer ${TOKEN}`
        ? json(route, 200, me)
        : json(route, 401, { code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    return pathname in routes
      ? json(route, 200, routes[pathname])
      : json(route, 404, { code: 'NOT_FOUND', message: '接口不存在' });
  });
  await context.route(`${SANDBOX}/**`, (route) =>
    route.request().method() === 'OPTIONS'
      ? route.fulfill({ status: 204, headers: CORS })
      : json(route, 200, { code: 'sandbox-code' }),
  );
  // Product photos: a soft coloured square per hue.
  await context.route(`${IMAGES}/**`, (route) => {
    const hue = Number(new URL(route.request().url()).pathname.replace(/\D/g, ''));
    return route.fulfill({
      contentType: 'image/svg+xml',
      body: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="hsl(${hue},45%,88%)"/><circle cx="50" cy="46" r="24" fill="hsl(${hue},50%,72%)"/></svg>`,
    });
  });
}
