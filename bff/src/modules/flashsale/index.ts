/**
 * Flash sales (docs/domain.md#flash-sales): the Redis gate that answers sold-out without the
 * database, the database's hold of units inside the order transaction, and giving units back.
 *
 * Owns: flash_sales.
 */
export { flashSaleRoutes } from './routes';
export { findFlashSale } from './sessions';
export {
  holdFlashUnits,
  passGate,
  priceForFlash,
  refuseAfterGate,
  releaseFlashUnits,
  returnToGate,
  type FlashActivity,
  type GatePass,
  type SaleRow,
} from './admission';
