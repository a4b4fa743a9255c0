/**
 * The shopping cart: lines per member and store, checked against sellable stock.
 *
 * Owns: cart_items.
 */
export { cartRoutes } from './routes';
