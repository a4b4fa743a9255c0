import { apiBase } from '../config';
import { uploadPhoto, type LocalPhoto } from '../platform/media';
import type { BodyOf, QueryOf, ResponseOf, Schema } from './api';
import { ApiError } from './errors';
import { request, type RequestFlags } from './http';
import { getToken } from './session';

/**
 * 售后 after pickup: the customer's 退货退款 / 换货 requests with photos, and the manager's side
 * (审核, 确认收货, 交付换货). Types come from the generated contract.
 */

export type AfterSale = Schema<'AfterSale'>;
export type AfterSaleStatus = Schema<'AfterSaleStatus'>;
export type AfterSaleType = Schema<'AfterSaleType'>;
export type AfterSaleReason = Schema<'AfterSaleReason'>;
export type AfterSaleOptions = Schema<'AfterSaleEligibility'>;
export type AfterSaleOptionLine = AfterSaleOptions['lines'][number];
export type AfterSaleRequest = BodyOf<'/api/orders/{id}/after-sales', 'post'>;
export type AfterSalePage = Schema<'AfterSalePage'>;
export type StaffAfterSale = Schema<'StaffAfterSale'>;
export type StaffAfterSalePage = Schema<'StaffAfterSalePage'>;
export type StaffAfterSaleFilter = NonNullable<QueryOf<'/api/staff/after-sales', 'get'>['status']>;
export type UploadedMedia = Schema<'Media'>;

/** The BFF refuses bigger files (MEDIA_MAX_BYTES); checked here first so nothing is sent for nothing. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 6;

/** GET /api/orders/:id/after-sale-options — the window, what each line still allows, exchange SKUs, reasons. */
export function getAfterSaleOptions(orderId: number, flags: RequestFlags = {}): Promise<AfterSaleOptions> {
  return request(`/api/orders/${orderId}/after-sale-options`, flags);
}

/** POST /api/orders/:id/after-sales — once per key: keep the key for retries of the same request. */
export function createAfterSale(
  orderId: number,
  body: AfterSaleRequest,
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<AfterSale> {
  return request(`/api/orders/${orderId}/after-sales`, {
    method: 'POST',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}

export function getMyAfterSales(query: QueryOf<'/api/me/after-sales', 'get'>, flags: RequestFlags = {}): Promise<AfterSalePage> {
  return request('/api/me/after-sales', { data: query, ...flags });
}

export function getAfterSale(id: number, flags: RequestFlags = {}): Promise<AfterSale> {
  return request(`/api/after-sales/${id}`, flags);
}

export function cancelAfterSale(id: number, flags: RequestFlags = {}): Promise<ResponseOf<'/api/after-sales/{id}/cancel', 'post'>> {
  return request(`/api/after-sales/${id}/cancel`, { method: 'POST', data: {}, ...flags });
}

/**
 * POST /api/media — one photo (multipart, through platform/media.ts). Too big is refused before
 * sending; the BFF's `{ code, message }` becomes an ApiError like every other call's.
 */
export async function uploadAfterSalePhoto(photo: LocalPhoto): Promise<UploadedMedia> {
  if (photo.size > MAX_PHOTO_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE', '图片不能超过 5MB，请换一张', 413);
  const token = getToken();
  let answer;
  try {
    answer = await uploadPhoto(`${apiBase}/api/media`, photo, { purpose: 'after_sale' }, token ? { Authorization: `Bearer ${token}` } : {});
  } catch {
    throw new ApiError('NETWORK_ERROR', '图片上传失败，请检查网络后重试', 0);
  }
  if (answer.status === 201) return answer.body as UploadedMedia;
  const body = answer.body as { code?: string; message?: string } | null;
  if (body?.code && body.message)
    throw new ApiError(body.code as never, answer.status === 413 ? '图片不能超过 5MB，请换一张' : body.message, answer.status);
  throw new ApiError('BAD_RESPONSE', '图片上传失败，请稍后重试', answer.status);
}

/** GET /api/staff/after-sales — managers; open requests by default. */
export function getStaffAfterSales(query: QueryOf<'/api/staff/after-sales', 'get'>, flags: RequestFlags = {}): Promise<StaffAfterSalePage> {
  return request('/api/staff/after-sales', { data: query, ...flags });
}

type StaffStep = 'approve' | 'reject' | 'receive' | 'hand-over';

/** A manager's step on a request: 同意 / 拒绝 (with the note the customer reads) / 确认收货 / 交付换货. */
export function staffAfterSaleStep(id: number, step: StaffStep, note?: string, flags: RequestFlags = {}): Promise<StaffAfterSale> {
  return request(`/api/staff/after-sales/${id}/${step}`, { method: 'POST', data: note ? { note } : {}, ...flags });
}
