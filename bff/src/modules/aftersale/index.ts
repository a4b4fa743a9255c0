/**
 * 售后 after pickup (docs/domain.md#after-sale): a customer's 退货退款 or 换货 of a completed
 * order within AFTER_SALE_WINDOW_DAYS, with photos (modules/media); the store manager's decision,
 * 确认收货 (stock back through inventory), then the refund (through refund, source after_sale) or
 * the exchange hand-over (stock out through inventory). Lifecycle: domain/after-sale-state.ts.
 *
 * - syncRefunded: the job that closes requests whose refund WeChat confirmed.
 *
 * Owns: after_sales, after_sale_lines, after_sale_photos.
 */
export { afterSaleRoutes } from './routes';
export { syncRefunded } from './staff';
