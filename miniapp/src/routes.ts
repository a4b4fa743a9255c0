/**
 * Every page of the mini-program, once, with its URL builder: `routes.product({ id: 1 })` gives
 * `/pages/product/index?id=1`. app.config.ts registers exactly these pages (`mainPages`,
 * `subPackages`), so a link can only name a page that exists, and each builder's query type is
 * what that page reads. This file is evaluated by Taro at build time with app.config.ts: it must
 * stay plain TypeScript (no Taro or page imports; type imports are erased).
 */
import type { CouponTab } from './services/coupon';
import type { OrderFilter } from './services/order';
import type { QueueFilter } from './services/staff';

type QueryValue = string | number | readonly number[] | null | undefined;
type Query = Record<string, QueryValue>;

declare const pageUrlBrand: unique symbol;
/** A URL of one of our pages (`/pages/…?…`), only ever made by a route below. */
export type PageUrl = string & { readonly [pageUrlBrand]: true };

/** A page's builder; its query is optional when every parameter is. */
export type Route<Q extends Query | void = void> = ([Q] extends [void]
  ? () => PageUrl
  : object extends Q
    ? (query?: Q) => PageUrl
    : (query: Q) => PageUrl) & {
  /** As app.config.ts registers it: `pages/product/index`. */
  readonly path: string;
};

/**
 * `?a=1&b=x` in the order the keys are given; null and undefined are left out, strings are
 * URI-encoded, id lists are joined with commas (`skuIds=1,2`).
 */
export function pageUrl(path: string, query: Query = {}): PageUrl {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? encodeURIComponent(value) : typeof value === 'number' ? String(value) : value.join(',');
    parts.push(`${key}=${text}`);
  }
  return `/${path}${parts.length ? `?${parts.join('&')}` : ''}` as PageUrl;
}

function page<Q extends Query | void = void>(path: string): Route<Q> {
  return Object.assign((query?: Query) => pageUrl(path, query), { path }) as unknown as Route<Q>;
}

/** The tab pages, in tab-bar order; `switchTab` is the only way to open them, so they take no query. */
export const tabRoutes = {
  home: page('pages/index/index'),
  category: page('pages/category/index'),
  cart: page('pages/cart/index'),
  me: page('pages/me/index'),
};

/** 确认订单's sources (utils/checkout.ts `parseCheckoutParams` reads them back). */
export type CheckoutQuery =
  | { from: 'cart' }
  | { from: 'buy'; skuId: number; qty: number }
  | { from: 'group'; campaignId: number; groupId?: number | null; skuId: number; qty: number; sharerId?: number | null }
  | { from: 'flash'; flashSaleId: number; skuId: number; qty: number; sharerId?: number | null };

/** The other pages of the main package, opened with navigateTo. */
const pageRoutes = {
  search: page<{ categoryId?: number; title?: string; q?: string }>('pages/search/index'),
  /** `from`: the member whose share brought the visitor here. */
  product: page<{ id: number; skuId?: number; from?: number }>('pages/product/index'),
  /** The SKUs (and their quantities) to check stock for at each store. */
  storePicker: page<{ skuIds?: readonly number[]; qty?: readonly number[] }>('pages/store-picker/index'),
  memberCode: page('pages/member-code/index'),
  profile: page('pages/profile/index'),
  points: page('pages/points/index'),
  checkout: page<CheckoutQuery>('pages/checkout/index'),
  orders: page<{ status?: OrderFilter }>('pages/orders/index'),
  /** `paying=1`: just back from the pay sheet, so the page waits for the payment to land. */
  order: page<{ id: number; paying?: 1 }>('pages/order/index'),
  groups: page('pages/group/index'),
  /** 我的拼团: the groups I opened or joined. */
  myGroups: page('pages/me/groups'),
  /** `from`: the sharer of an invite link. */
  group: page<{ id: number; from?: number; paying?: 1 }>('pages/group/detail'),
  flash: page('pages/flash/index'),
};

/**
 * The staff workspace (店员工作台) is a subpackage: customers never download it. Its pages are
 * opened with navigateTo like the others.
 */
export const staffPackageRoot = 'pages/staff';
const staffRoutes = {
  staffHome: page(`${staffPackageRoot}/index`),
  /** `code`: a scanned payload to look up at once. */
  staffVerify: page<{ code?: string }>(`${staffPackageRoot}/verify`),
  staffOrders: page<{ tab?: QueueFilter }>(`${staffPackageRoot}/orders`),
  staffTill: page(`${staffPackageRoot}/till`),
  staffStock: page(`${staffPackageRoot}/stock`),
  staffAfterSale: page(`${staffPackageRoot}/after-sale`),
  staffMetrics: page(`${staffPackageRoot}/metrics`),
  /** 核销优惠券; `code`: a scanned coupon code to look up at once. */
  staffCouponRedeem: page<{ code?: string }>(`${staffPackageRoot}/coupon-redeem`),
  /** 生成领券码: mint 扫码领券 tokens and see mine. */
  staffCouponTokens: page(`${staffPackageRoot}/coupon-tokens`),
};

/**
 * The coupon pages, each a subpackage of its own (one page per root): they sit beside the main
 * package so it does not grow, and their paths are the ones the BFF puts in QR codes and share
 * cards (`pages/coupon-scan/index?t=`, `pages/coupon-share/index?s=&from=`).
 */
const couponRoutes = {
  /** 领券中心; `productId`: only the coupons that cover that product (the product page's 领券 row). */
  couponCenter: page<{ productId?: number }>('pages/coupon-center/index'),
  /** 我的优惠券. */
  couponMine: page<{ tab?: CouponTab }>('pages/coupon-mine/index'),
  /** 积分兑换. */
  pointsExchange: page('pages/points-exchange/index'),
  /** 扫码领券: `t` the scanned token (a QR opens the page with it); without it, the scan entry. */
  couponScan: page<{ t?: string; scene?: string }>('pages/coupon-scan/index'),
  /**
   * 分享领券: a friend lands with `s` (the pack) and `from` (the sharer); the sharer opens it with
   * `templateId` to share that template's pack.
   */
  couponShare: page<{ s?: number; from?: number; templateId?: number }>('pages/coupon-share/index'),
};

/** 我的收藏: a subpackage of its own, opened from 我的, so the main package does not grow. */
const favoriteRoutes = {
  favorites: page('pages/favorites/index'),
};

/** 售后 after pickup: one subpackage (list, request, detail), opened from 我的 and the order page. */
export const afterSalePackageRoot = 'pages/after-sale';
const afterSaleRoutes = {
  /** 我的售后: my requests, newest first. */
  afterSales: page(`${afterSalePackageRoot}/index`),
  /** 申请售后 for a completed order. */
  afterSaleApply: page<{ orderId: number }>(`${afterSalePackageRoot}/apply`),
  /** One request with its status timeline. */
  afterSale: page<{ id: number }>(`${afterSalePackageRoot}/detail`),
};

/** Every page there is: links are made only through these builders. */
export const routes = { ...tabRoutes, ...pageRoutes, ...staffRoutes, ...couponRoutes, ...favoriteRoutes, ...afterSaleRoutes };
export type RouteName = keyof typeof routes;

/**
 * Pages that later releases add (live rooms). Links to them already exist; until the
 * page is registered (and moves up into `routes`), openPage() says it is coming soon.
 */
export const upcomingRoutes = {
  lives: page('pages/live/index'),
  live: page<{ id: number }>('pages/live/detail'),
};

const pathsOf = (table: Record<string, { path: string }>) => Object.values(table).map((route) => route.path);

/** The tab pages' paths, in tab-bar order. */
export const tabPages = pathsOf(tabRoutes);

/** The main package's pages, tab pages first (the first is the launch page): app.config.ts registers exactly these. */
export const mainPages = [...tabPages, ...pathsOf(pageRoutes)];

/** The subpackages as app.config.ts declares them (page paths relative to the root). */
export const subPackages = [
  { root: staffPackageRoot, pages: pathsOf(staffRoutes).map((path) => path.slice(staffPackageRoot.length + 1)) },
  { root: afterSalePackageRoot, pages: pathsOf(afterSaleRoutes).map((path) => path.slice(afterSalePackageRoot.length + 1)) },
  ...pathsOf({ ...couponRoutes, ...favoriteRoutes }).map((path) => ({
    root: path.slice(0, path.lastIndexOf('/')),
    pages: [path.slice(path.lastIndexOf('/') + 1)],
  })),
];

/** Every registered page (main package and subpackages); openPage() checks links against it. */
export const pages = [...mainPages, ...subPackages.flatMap((sub) => sub.pages.map((path) => `${sub.root}/${path}`))];
