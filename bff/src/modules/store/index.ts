/**
 * Stores (docs/domain.md#stores): pickup stores by distance with opening hours.
 *
 * Owns: stores.
 */
export { storeRoutes } from './routes';
