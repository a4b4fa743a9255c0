/**
 * The till (docs/domain.md#till): sales to members and walk-ins on the one stock. A sale is an
 * order written through the order module, paid through the payment module.
 *
 * Owns: nothing.
 */
export { tillRoutes } from './routes';
