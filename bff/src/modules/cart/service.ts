import type { AppDeps } from '../../deps';
import { specText } from '../../domain/spec-text';
import { errors } from '../../http/errors';
import { yuan } from '../../domain/pricing';
import { promotionNudge } from '../../domain/promotion-nudge';
import { sellableBySku } from '../catalog';
import { activePromotions, loadLines } from '../pricing';
import { addToLine, countLines, deleteLine, deleteLines, findSkuForCart, listCartRows, updateLine } from './queries';
import { MAX_LINE_QTY, MAX_LINES, type Cart } from './schema';

type Deps = Pick<AppDeps, 'db' | 'now'>;

/**
 * The server-side cart. It stores SKUs and quantities only; prices and availability are read
 * fresh every time (and re-priced again by checkout), so a stale cart can never set a price.
 */
export async function getCart(deps: Deps, memberId: number, storeId?: number): Promise<Cart> {
  const rows = await listCartRows(deps.db, memberId);
  const sellable = await sellableBySku(
    deps.db,
    rows.map((r) => r.skuId),
    storeId,
  );
  // Sold out at the chosen store: is there any at another open store? (Without a store the
  // figure above is already the sum over the open stores.)
  const soldOutHere = rows.filter((r) => (sellable.get(r.skuId) ?? 0) === 0).map((r) => r.skuId);
  const anywhere =
    storeId !== undefined && soldOutHere.length > 0 ? await sellableBySku(deps.db, soldOutHere, undefined) : new Map<number, number>();
  const items = rows.map((row) => {
    const available = sellable.get(row.skuId) ?? 0;
    const buyable = row.productStatus === 'on_sale' && row.skuStatus === 'active';
    const state = !buyable ? 'off_shelf' : available === 0 ? 'out_of_stock' : available < row.qty ? 'insufficient' : 'ok';
    const invalid = state === 'off_shelf' || (state === 'out_of_stock' && (anywhere.get(row.skuId) ?? 0) === 0);
    return {
      skuId: row.skuId,
      productId: row.productId,
      title: row.title,
      specText: specText(row.specs, row.specValues),
      imageUrl: row.skuImage ?? row.images[0] ?? '',
      priceFen: row.priceFen,
      listPriceFen: row.listPriceFen,
      qty: row.qty,
      selected: row.selected,
      sellable: available,
      state: state as Cart['items'][number]['state'],
      invalid,
    };
  });
  const counted = items.filter((item) => item.selected && item.state === 'ok');
  return {
    items,
    selectedQty: counted.reduce((sum, item) => sum + item.qty, 0),
    selectedAmountFen: counted.reduce((sum, item) => sum + item.priceFen * item.qty, 0),
    promotionHint: await nudgeFor(deps, counted),
  };
}

/** The running 满减 the selected lines are closest to (prices read fresh, like the quote). */
async function nudgeFor(deps: Deps, selected: { skuId: number; qty: number }[]): Promise<Cart['promotionHint']> {
  if (selected.length === 0) return null;
  const promotions = await activePromotions(deps.db, deps.now());
  if (promotions.length === 0) return null;
  return promotionNudge(promotions, await loadLines(deps.db, selected));
}

export async function addItem(deps: Deps, memberId: number, input: { skuId: number; qty: number }, storeId?: number): Promise<Cart> {
  const sku = await findSkuForCart(deps.db, input.skuId);
  if (!sku) throw errors.notFound('SKU_NOT_FOUND', '商品规格不存在');
  if (sku.productStatus !== 'on_sale' || sku.skuStatus !== 'active') throw errors.rule('PRODUCT_OFF_SHELF', '商品已下架');
  const available = (await sellableBySku(deps.db, [input.skuId], storeId)).get(input.skuId) ?? 0;
  if (available === 0) throw errors.rule('OUT_OF_STOCK', '库存不足');
  if ((await countLines(deps.db, memberId)) >= MAX_LINES) throw errors.rule('CART_FULL', `购物车最多放 ${MAX_LINES} 种商品`);
  if (!(await addToLine(deps.db, memberId, input.skuId, input.qty, MAX_LINE_QTY))) {
    throw errors.rule('CART_LINE_LIMIT', `单件商品最多购买 ${MAX_LINE_QTY} 件`);
  }
  return getCart(deps, memberId, storeId);
}

export async function changeItem(
  deps: Deps,
  memberId: number,
  skuId: number,
  patch: { qty?: number; selected?: boolean },
  storeId?: number,
): Promise<Cart> {
  if (!(await updateLine(deps.db, memberId, skuId, patch))) {
    // affectedRows is 0 both for a missing line and for an update that changes nothing.
    const cart = await getCart(deps, memberId, storeId);
    if (!cart.items.some((item) => item.skuId === skuId)) throw errors.notFound('CART_ITEM_NOT_FOUND', '购物车中没有该商品');
    return cart;
  }
  return getCart(deps, memberId, storeId);
}

export async function removeItem(deps: Deps, memberId: number, skuId: number, storeId?: number): Promise<Cart> {
  await deleteLine(deps.db, memberId, skuId);
  return getCart(deps, memberId, storeId);
}

/** 管理 mode's 删除 (and 清空失效商品): idempotent, lines already gone are simply not there. */
export async function removeItems(deps: Deps, memberId: number, skuIds: number[], storeId?: number): Promise<Cart> {
  await deleteLines(deps.db, memberId, [...new Set(skuIds)]);
  return getCart(deps, memberId, storeId);
}

/**
 * The product page's 满减 row: the running promotions covering the SKU ("满199减20，满399减50")
 * and the nudge for my selected cart lines plus one of it (anonymous visitors: the SKU alone).
 */
export async function nudgeForSku(deps: Deps, memberId: number | null, skuId: number) {
  const [line] = await loadLines(deps.db, [{ skuId, qty: 1 }]);
  const promotions = (await activePromotions(deps.db, deps.now())).filter((p) => promotionNudge([p], [line]) !== null);
  const selected = memberId ? (await getCartLines(deps, memberId)).filter((l) => l.skuId !== skuId) : [];
  const others = selected.length > 0 ? await loadLines(deps.db, selected) : [];
  return {
    promotions: promotions.map((p) => ({
      id: p.id,
      name: p.name,
      label: p.tiers.map((t) => `满${yuan(t.thresholdFen)}减${yuan(t.offFen)}`).join('，'),
    })),
    hint: promotionNudge(promotions, [...others, line]),
  };
}

/** My selected lines that can be bought (the cart's `ok` lines), without building the whole cart view. */
async function getCartLines(deps: Deps, memberId: number): Promise<{ skuId: number; qty: number }[]> {
  const rows = (await listCartRows(deps.db, memberId)).filter(
    (r) => r.selected && r.productStatus === 'on_sale' && r.skuStatus === 'active',
  );
  const sellable = await sellableBySku(
    deps.db,
    rows.map((r) => r.skuId),
    undefined,
  );
  return rows.filter((r) => (sellable.get(r.skuId) ?? 0) >= r.qty).map(({ skuId, qty }) => ({ skuId, qty }));
}
