import type { AfterSaleReason, AfterSaleStatus } from '@shop/db';
import { AFTER_SALE_STATUS_LABELS, AFTER_SALE_TYPE_LABELS } from '../../domain/after-sale-state';
import type { OrderLineRow } from '../order';
import { customerSummary } from '../member';
import type { AfterSaleLineRow, AfterSaleListRow } from './queries';

export const AFTER_SALE_REASON_LABELS: Record<AfterSaleReason, string> = {
  wrong_size: '尺码/规格不合适',
  quality: '商品质量问题',
  not_as_described: '与描述不符',
  wrong_item: '商家发错货',
  changed_mind: '不想要了（七天无理由）',
  other: '其他原因',
};

/** What a view needs besides the row: its lines, the order's lines, photos, refund, history, exchange specs. */
export type ViewContext = {
  lines: AfterSaleLineRow[];
  orderLines: OrderLineRow[];
  photos: { id: number; url: string }[];
  refund: { outRefundNo: string; status: string; amountFen: number; succeededAt: Date | null } | null;
  history: { toStatus: string; at: Date }[];
  specOf: Map<number, string>;
  responseHours: number;
};

export type AfterSaleView = ReturnType<typeof afterSaleView>;

/**
 * The customer's view of a request. The money's truth is the refund record: once WeChat confirmed
 * the refund the request reads 退款成功 even before the sync job moves its row to `refunded`.
 */
export function afterSaleView(row: AfterSaleListRow, ctx: ViewContext) {
  const a = row.afterSale;
  const paidBack = a.status === 'refunding' && ctx.refund?.status === 'succeeded';
  const shown: AfterSaleStatus = paidBack ? 'refunded' : a.status;
  const refundFen = ctx.refund?.amountFen ?? a.refundFen;
  return {
    id: a.id,
    serviceNo: a.serviceNo,
    orderId: a.orderId,
    orderNo: row.orderNo,
    storeId: a.storeId,
    storeName: row.storeName,
    type: a.type,
    typeLabel: AFTER_SALE_TYPE_LABELS[a.type],
    status: shown,
    statusLabel: AFTER_SALE_STATUS_LABELS[shown],
    hint: hintOf(shown, a.type, { storeName: row.storeName, refundFen, note: a.decisionNote, responseHours: ctx.responseHours }),
    reason: a.reason,
    reasonLabel: AFTER_SALE_REASON_LABELS[a.reason],
    description: a.description,
    refundFen,
    lines: ctx.lines.map((line) => {
      const bought = ctx.orderLines.find((l) => l.id === line.orderLineId);
      return {
        orderLineId: line.orderLineId,
        skuId: line.skuId,
        title: bought?.title ?? '',
        specText: bought?.specText ?? '',
        imageUrl: bought?.imageUrl ?? '',
        qty: line.qty,
        amountFen: line.amountFen,
        exchange: line.exchangeSkuId ? { skuId: line.exchangeSkuId, specText: ctx.specOf.get(line.exchangeSkuId) ?? '' } : null,
      };
    }),
    photos: ctx.photos,
    decisionNote: a.decisionNote,
    refund: ctx.refund
      ? {
          outRefundNo: ctx.refund.outRefundNo,
          status: ctx.refund.status,
          amountFen: ctx.refund.amountFen,
          succeededAt: ctx.refund.succeededAt?.toISOString() ?? null,
        }
      : null,
    timeline: [
      ...ctx.history.map((h) => ({
        status: h.toStatus as AfterSaleStatus,
        label: AFTER_SALE_STATUS_LABELS[h.toStatus as AfterSaleStatus] ?? h.toStatus,
        at: h.at.toISOString(),
      })),
      ...(paidBack
        ? [
            {
              status: 'refunded' as const,
              label: AFTER_SALE_STATUS_LABELS.refunded,
              at: (ctx.refund!.succeededAt ?? a.updatedAt).toISOString(),
            },
          ]
        : []),
    ],
    createdAt: a.createdAt.toISOString(),
  };
}

export function staffAfterSaleView(row: AfterSaleListRow, ctx: ViewContext) {
  return { ...afterSaleView(row, ctx), customer: customerSummary(row.nickname, row.phone) };
}

function hintOf(
  status: AfterSaleStatus,
  type: 'return' | 'exchange',
  v: { storeName: string; refundFen: number; note: string | null; responseHours: number },
): string {
  switch (status) {
    case 'requested':
      return `门店将在 ${v.responseHours} 小时内审核，请留意申请状态`;
    case 'approved':
      return `审核已通过，请携带商品及包装到「${v.storeName}」办理${type === 'return' ? '退货' : '换货'}`;
    case 'rejected':
      return v.note ? `门店未通过申请：${v.note}` : '门店未通过申请，如有疑问请联系门店';
    case 'cancelled':
      return '你已撤销本次售后申请';
    case 'returned':
      return type === 'exchange' ? '门店已收到退回的商品，正在为你准备换货' : '门店已收到退回的商品';
    case 'refunding':
      return `¥${money(v.refundFen)} 将原路退回微信支付，一般 1–3 个工作日到账`;
    case 'refunded':
      return `¥${money(v.refundFen)} 已原路退回微信支付`;
    case 'exchanged':
      return '换货已完成，新商品已交到你手中';
  }
}

/** 12990 → '129.90' (integer arithmetic, as every amount shown). */
function money(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
