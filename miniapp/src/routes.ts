/** The tab pages, in tab-bar order; `switchTab` is the only way to open them. */
export const tabPages = ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index'];

/** Pages opened with navigateTo. */
export const subPages = [
  'pages/search/index',
  'pages/product/index',
  'pages/store-picker/index',
  'pages/member-code/index',
  'pages/profile/index',
  'pages/points/index',
  'pages/checkout/index',
  'pages/orders/index',
  'pages/order/index',
  'pages/group/index',
  'pages/group/detail',
  'pages/flash/index',
];

/**
 * The staff workspace (店员工作台) is a subpackage: customers never download it. Its pages are
 * opened with navigateTo like the others.
 */
export const staffPackage = {
  root: 'pages/staff',
  pages: ['index', 'verify', 'orders', 'till', 'stock', 'after-sale', 'metrics'],
};

/** The main package's pages: app.config.ts registers exactly these. */
export const mainPages = [...tabPages, ...subPages];

/** Every registered page (main package and subpackages); openPage() checks links against it. */
export const pages = [...mainPages, ...staffPackage.pages.map((page) => `${staffPackage.root}/${page}`)];
