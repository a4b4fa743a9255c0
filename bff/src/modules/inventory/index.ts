/**
 * Stock (docs/domain.md#stock): one stock per SKU × store, moved only by ledgered movements —
 * reserve, release, commit, restock, adjust, till sales — and the staff stock screens.
 *
 * Owns: inventory, inventory_ledger.
 */
export { inventoryRoutes } from './routes';
export {
  adjust,
  commit,
  getStock,
  receive,
  release,
  reserve,
  restock,
  sellOffline,
  withInventoryTx,
  type Actor,
  type StockLine,
} from './service';
export { sellableOnlineSql } from './queries';
