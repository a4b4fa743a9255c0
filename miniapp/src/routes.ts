/** The tab pages, in tab-bar order; `switchTab` is the only way to open them. */
export const tabPages = ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index']

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
]

/** Every registered page. app.config.ts registers exactly these, and openPage() checks them. */
export const pages = [...tabPages, ...subPages]
