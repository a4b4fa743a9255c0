/**
 * Catalog (docs/domain.md#catalog): the category tree, products and SKUs, pinyin search and the
 * cached product views.
 *
 * Owns: categories, products, skus, product_search_grams.
 */
export { catalogRoutes } from './routes';
export { sellableBySku } from './queries';
export { productCards, productExists, type ProductCard } from './cards';
