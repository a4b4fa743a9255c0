import { z } from 'zod';

/** The Idempotency-Key header of money-bearing creates (orders, refunds, till sales). */
export const IdempotencyKeySchema = z
  .string({ error: '缺少 Idempotency-Key 请求头' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Idempotency-Key 应为 8–64 位字母、数字、- 或 _');

/** For the OpenAPI document: money-bearing creates take an Idempotency-Key header. */
export const IdempotencyHeaderSchema = z.object({ 'idempotency-key': IdempotencyKeySchema });

/** `/:id` of an order, as the customer's and the staff's order routes take it. */
export const OrderIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });
