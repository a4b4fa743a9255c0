import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { categories, couponTemplates, products, userCoupons, type Db, type DbOrTx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { categoryAncestry } from '../../domain/category-ancestry';
import { couponFace, templateValidityText } from '../../domain/coupon-face';
import { errors } from '../../http/errors';
import { findMemberById, type MemberRow } from '../member';
import { hasPaidOrder } from '../order';
import { claimOrThrow } from './claim';
import { findMyCoupon } from './mine';
import type { CouponTemplate } from './queries';
import { isIssuable } from './validity';

/**
 * 领券中心: templates offered through the claim centre, with what is left and what I already
 * hold, and the claim itself. With a product, only the coupons that cover it (the product
 * page's 领券 row). Anyone may look; claiming needs a signed-in member.
 */
type Deps = Pick<AppDeps, 'db' | 'now'>;

export async function claimCenter(deps: Deps, memberId: number | null, productId?: number) {
  const now = deps.now();
  let offered = (await offeredTemplates(deps.db)).filter((t) => isIssuable(t, now));
  if (productId !== undefined) {
    const product = await productPlace(deps.db, productId);
    offered = offered.filter((t) => !t.excludedProductIds.includes(productId) && covers(t, product));
  }
  const member = memberId ? await findMemberById(deps.db, memberId) : undefined;
  const held = member
    ? await heldByMember(
        deps.db,
        member.id,
        offered.map((t) => t.id),
      )
    : new Map<number, number>();
  const isNewCustomer = member ? !(await hasPaidOrder(deps.db, member.id)) : true;
  return {
    items: offered.map((t) => {
      const claimedByMe = held.get(t.id) ?? 0;
      const remaining = Math.max(0, t.totalQuantity - t.issuedCount);
      return {
        templateId: t.id,
        name: t.name,
        description: t.description,
        face: couponFace(t),
        validityText: templateValidityText(t),
        claimedPercent: Math.min(100, Math.floor((t.issuedCount * 100) / t.totalQuantity)),
        remaining,
        claimedByMe,
        perUserLimit: t.perUserLimit,
        state: stateOf(t, { claimedByMe, remaining, member, isNewCustomer }),
        audience: t.audience,
      };
    }),
  };
}

function stateOf(
  t: CouponTemplate,
  at: { claimedByMe: number; remaining: number; member: MemberRow | undefined; isNewCustomer: boolean },
): 'claimable' | 'claimed' | 'sold_out' | 'not_eligible' {
  if (at.claimedByMe >= t.perUserLimit) return 'claimed';
  if (at.remaining === 0) return 'sold_out';
  if (t.audience === 'new_customer' && !at.isNewCustomer) return 'not_eligible';
  if (t.audience === 'tiers' && at.member && !t.audienceTiers.includes(at.member.tierCode)) return 'not_eligible';
  return 'claimable';
}

export async function claimFromCenter(deps: Deps, memberId: number, templateId: number) {
  const now = deps.now();
  const claimed = await deps.db.transaction((tx) => claimOrThrow(tx, { templateId, memberId, source: 'center', now }));
  const coupon = await findMyCoupon(deps.db, memberId, claimed.userCouponId, now);
  if (!coupon) throw errors.notFound('COUPON_TEMPLATE_NOT_FOUND', '优惠券不存在');
  return { coupon };
}

async function offeredTemplates(db: Db): Promise<CouponTemplate[]> {
  return db
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.source, 'center'), eq(couponTemplates.status, 'active')))
    .orderBy(desc(couponTemplates.id))
    .limit(100);
}

async function heldByMember(db: DbOrTx, memberId: number, templateIds: number[]): Promise<Map<number, number>> {
  if (templateIds.length === 0) return new Map();
  const rows = await db
    .select({ templateId: userCoupons.templateId, n: count() })
    .from(userCoupons)
    .where(and(eq(userCoupons.memberId, memberId), inArray(userCoupons.templateId, templateIds)))
    .groupBy(userCoupons.templateId);
  return new Map(rows.map((r) => [r.templateId, r.n]));
}

type ProductPlace = { productId: number; categoryChain: number[] };

/** A product and its category with every ancestor, for scope checks. */
async function productPlace(db: DbOrTx, productId: number): Promise<ProductPlace> {
  const [product] = await db.select({ categoryId: products.categoryId }).from(products).where(eq(products.id, productId)).limit(1);
  if (!product) throw errors.notFound('PRODUCT_NOT_FOUND', '商品不存在');
  const parents = new Map(
    (await db.select({ id: categories.id, parentId: categories.parentId }).from(categories)).map((c) => [c.id, c.parentId]),
  );
  const categoryChain = categoryAncestry(product.categoryId, parents);
  return { productId, categoryChain };
}

function covers(rule: { scope: CouponTemplate['scope']; scopeIds: number[] }, at: ProductPlace): boolean {
  if (rule.scope === 'products') return rule.scopeIds.includes(at.productId);
  if (rule.scope === 'categories') return at.categoryChain.some((id) => rule.scopeIds.includes(id));
  return true;
}
