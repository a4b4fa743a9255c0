/**
 * Catalog (docs/domain.md#catalog): the category tree, products and SKUs, pinyin search and the
 * cached product views.
 *
 * Owns: categories, products, skus.
 */
export { catalogRoutes } from './routes';
export { sellableBySku } from './queries';
