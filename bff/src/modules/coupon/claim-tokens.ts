import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import { couponClaimTokens, couponTemplates, type Db, type DbOrTx } from '@shop/db';
import type { Config } from '../../config';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { READ_COMMITTED } from '../../transactions';
import { mapWechatError } from '../../wechat/errors';
import type { StaffIdentity } from '../member';
import { recordCouponVisit } from '../share';
import { audit } from '../staff';
import { claimError, claimOrThrow } from './claim';
import { findTemplate } from './queries';
import { isIssuable } from './validity';

/**
 * 扫码领券 (docs/domain.md#coupons): staff mint a signed, expiring, optionally count-limited token
 * for a store_qr template; the QR opens `pages/coupon-scan/index?t=<token>` and the customer's
 * scan claims through claim.ts.
 *
 * The token is `<id>.<sig>`: sig is HMAC-SHA256 over (id, templateId, expiresAt) truncated to 128
 * bits, base64url (22 characters), so a token stays within the 32 characters of a 小程序码 scene.
 * The row holds the limits (max claims, revoked); the signature makes ids unguessable as codes.
 * The key is derived (HKDF, label coupon-claim-token/v1) from COUPON_CODE_SECRET, so it comes
 * from the environment like every secret, and is neither the rotating coupon code's key nor
 * tied to the member code's (rotating MEMBER_CODE_SECRET leaves printed posters working).
 * Rotating COUPON_CODE_SECRET voids every token minted before.
 *
 * Transaction contract of a scan: one READ COMMITTED transaction takes the token's guarded
 * counter and then the claim (member row, coupon row, template counter). A refused claim throws,
 * so the counter goes back with it. Lock order: token row → member row → template row; nothing
 * takes them the other way round.
 */
export const COUPON_SCAN_PAGE = 'pages/coupon-scan/index';

type Deps = { db: Db; config: Config; now: () => Date };
type Actor = StaffIdentity & { memberId: number };
type TokenRow = typeof couponClaimTokens.$inferSelect;

const TOKEN = /^(\d{1,10})\.([A-Za-z0-9_-]{22})$/;

function tokenKey(config: Config): Buffer {
  return Buffer.from(hkdfSync('sha256', config.couponCodeSecret, '', 'coupon-claim-token/v1', 32));
}

function signature(config: Config, row: Pick<TokenRow, 'id' | 'templateId' | 'expiresAt'>): Buffer {
  return createHmac('sha256', tokenKey(config)).update(`${row.id}.${row.templateId}.${row.expiresAt.getTime()}`).digest().subarray(0, 16);
}

export function tokenFor(config: Config, row: Pick<TokenRow, 'id' | 'templateId' | 'expiresAt'>): string {
  return `${row.id}.${signature(config, row).toString('base64url')}`;
}

export function scanPath(token: string): string {
  return `${COUPON_SCAN_PAGE}?t=${encodeURIComponent(token)}`;
}

const invalid = () => errors.rule('COUPON_QR_INVALID', '二维码无效');
const expired = () => errors.rule('COUPON_QR_EXPIRED', '二维码已过期');
const revoked = () => errors.rule('COUPON_QR_REVOKED', '二维码已停用');
const exhausted = () => errors.conflict('COUPON_QR_EXHAUSTED', '本次活动已领完');

/** The token's row when its signature is ours, else 二维码无效 (a forger learns nothing about rows). */
async function verifiedRow(deps: Deps, token: string): Promise<TokenRow> {
  const match = TOKEN.exec(token);
  if (!match) throw invalid();
  const [row] = await deps.db
    .select()
    .from(couponClaimTokens)
    .where(eq(couponClaimTokens.id, Number(match[1])))
    .limit(1);
  // The canonical text is compared, not decoded bytes: base64url's last character has spare bits,
  // so several spellings decode alike. Compared even without a row, so a missing id costs the
  // same as a wrong signature.
  const given = Buffer.from(match[2]);
  const expected = Buffer.from(row ? signature(deps.config, row).toString('base64url') : '-'.repeat(22));
  if (!(timingSafeEqual(given, expected) && row)) throw invalid();
  return row;
}

function stateOf(row: TokenRow, now: Date): 'active' | 'expired' | 'revoked' | 'exhausted' {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt <= now) return 'expired';
  if (row.maxClaims !== null && row.claimedCount >= row.maxClaims) return 'exhausted';
  return 'active';
}

/**
 * POST /api/staff/coupon-tokens. Clerks and managers mint for their own store, head office
 * (admin) with no store. Only an issuable template whose source is store_qr may be minted, and
 * one limited to some stores only for those stores.
 */
export async function mintClaimToken(
  deps: Deps,
  actor: Actor,
  input: { templateId: number; expiresInMinutes: number; maxClaims?: number },
  userAgent: string,
): Promise<{ id: number; token: string; expiresAt: Date; qrPath: string }> {
  const storeId = actor.role === 'admin' ? null : actor.storeId;
  if (actor.role !== 'admin' && storeId === null) throw errors.forbidden('仅限门店员工操作');
  const template = await findTemplate(deps.db, input.templateId);
  if (!template) throw claimError('NOT_FOUND');
  if (template.source !== 'store_qr') throw errors.rule('COUPON_NOT_FOR_QR', '该优惠券不能用于扫码领取');
  const now = deps.now();
  if (!isIssuable(template, now)) throw claimError(template.status === 'paused' ? 'PAUSED' : 'ENDED');
  if (storeId !== null && template.storeIds.length > 0 && !template.storeIds.includes(storeId)) {
    throw errors.rule('COUPON_NOT_FOR_STORE', '该优惠券不适用于本门店');
  }
  const expiresAt = new Date(now.getTime() + input.expiresInMinutes * 60_000);
  return deps.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(couponClaimTokens).values({
      templateId: template.id,
      storeId,
      createdByStaffId: actor.staffId,
      expiresAt,
      maxClaims: input.maxClaims ?? null,
    });
    const id = inserted.insertId;
    await audit(tx, actor, {
      action: 'coupon_token.mint',
      targetType: 'coupon_claim_token',
      targetId: id,
      userAgent,
      detail: { templateId: template.id, expiresAt: expiresAt.toISOString(), maxClaims: input.maxClaims ?? null },
    });
    const token = tokenFor(deps.config, { id, templateId: template.id, expiresAt });
    return { id, token, expiresAt, qrPath: scanPath(token) };
  });
}

export type ClaimTokenView = TokenRow & { templateName: string; state: ReturnType<typeof stateOf>; token: string; qrPath: string };

async function tokenViews(deps: Pick<Deps, 'config'>, db: DbOrTx, now: Date, where: SQL | undefined): Promise<ClaimTokenView[]> {
  const rows = await db
    .select({ token: couponClaimTokens, templateName: couponTemplates.name })
    .from(couponClaimTokens)
    .innerJoin(couponTemplates, eq(couponTemplates.id, couponClaimTokens.templateId))
    .where(where)
    .orderBy(desc(couponClaimTokens.id))
    .limit(100);
  // The token is not stored: it is the row signed again, so staff can show or print it any time.
  return rows.map(({ token: row, templateName }) => {
    const token = tokenFor(deps.config, row);
    return { ...row, templateName, state: stateOf(row, now), token, qrPath: scanPath(token) };
  });
}

/** GET /api/staff/coupon-tokens: my store's latest 100 tokens (head office sees every store's). */
export async function listClaimTokens(deps: Deps, actor: Actor): Promise<ClaimTokenView[]> {
  if (actor.role === 'admin') return tokenViews(deps, deps.db, deps.now(), undefined);
  if (actor.storeId === null) throw errors.forbidden('仅限门店员工操作');
  return tokenViews(deps, deps.db, deps.now(), eq(couponClaimTokens.storeId, actor.storeId));
}

/** A token is its store's (head office: every store's); a missing one is 404. */
function assertOwnToken(actor: Actor, row: TokenRow | undefined): asserts row is TokenRow {
  if (!row) throw errors.notFound('COUPON_QR_NOT_FOUND', '二维码不存在');
  if (actor.role !== 'admin' && row.storeId !== actor.storeId) throw errors.forbidden('仅限本门店员工操作');
}

/**
 * GET /api/staff/coupon-tokens/:id/qrcode: the token as a 小程序码 (scene = the token, page
 * pages/coupon-scan/index, which reads `decodeURIComponent(query.scene)`), for the till screen
 * or a poster. Redis keeps the PNG until the token expires, so reprints spend no wxacode quota.
 */
export async function claimTokenQrCode(deps: Deps & Pick<AppDeps, 'redis' | 'wechat'>, actor: Actor, id: number): Promise<Buffer> {
  const [row] = await deps.db.select().from(couponClaimTokens).where(eq(couponClaimTokens.id, id)).limit(1);
  assertOwnToken(actor, row);
  const now = deps.now();
  if (row.revokedAt) throw revoked();
  if (row.expiresAt <= now) throw expired();
  const scene = tokenFor(deps.config, row);
  const key = `wxacode:${COUPON_SCAN_PAGE}:${scene}`;
  const cached = await deps.redis.get(key);
  if (cached) return Buffer.from(cached, 'base64');
  const png = await deps.wechat
    // check_path only in production: in dev the page is not published yet.
    .getUnlimitedQrCode({ scene, page: COUPON_SCAN_PAGE, checkPath: deps.config.env === 'production', width: 430 })
    .catch((err: unknown) => {
      throw mapWechatError(err);
    });
  const seconds = Math.max(1, Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000));
  await deps.redis.set(key, png.toString('base64'), { EX: seconds });
  return png;
}

/** POST /api/staff/coupon-tokens/:id/revoke: stops a token at once; revoking twice changes nothing. */
export async function revokeClaimToken(deps: Deps, actor: Actor, id: number, userAgent: string): Promise<ClaimTokenView> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(couponClaimTokens).where(eq(couponClaimTokens.id, id)).limit(1);
    assertOwnToken(actor, row);
    const [changed] = await tx
      .update(couponClaimTokens)
      .set({ revokedAt: now })
      .where(and(eq(couponClaimTokens.id, id), isNull(couponClaimTokens.revokedAt)));
    if (changed.affectedRows === 1) {
      await audit(tx, actor, { action: 'coupon_token.revoke', targetType: 'coupon_claim_token', targetId: id, userAgent });
    }
    const [view] = await tokenViews(deps, tx, now, eq(couponClaimTokens.id, id));
    return view;
  });
}

/**
 * POST /api/coupons/scan: the customer's scan. Signature (timing-safe), then revoked and expiry,
 * then in one transaction the token's guarded counter and the claim (issue key `qr:<token id>`:
 * one coupon per member per token; the template's per-user limit and total apply as well) and
 * the touch for attribution (target coupon, no sharer, the launch scene).
 */
export async function scanClaimToken(
  deps: Deps,
  memberId: number,
  input: { token: string; scene?: string },
): Promise<{ couponId: number; templateId: number; name: string; validFrom: Date; validTo: Date }> {
  const row = await verifiedRow(deps, input.token);
  const now = deps.now();
  if (row.revokedAt) throw revoked();
  if (row.expiresAt <= now) throw expired();
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx
      .update(couponClaimTokens)
      .set({ claimedCount: sql`${couponClaimTokens.claimedCount} + 1` })
      .where(
        and(
          eq(couponClaimTokens.id, row.id),
          isNull(couponClaimTokens.revokedAt),
          gt(couponClaimTokens.expiresAt, now),
          sql`(${couponClaimTokens.maxClaims} IS NULL OR ${couponClaimTokens.claimedCount} < ${couponClaimTokens.maxClaims})`,
        ),
      );
    if (taken.affectedRows === 0) throw await whyNotTaken(tx, row.id, now);
    // A refusal throws: the transaction rolls back, and the token's counter with it.
    const claimed = await claimOrThrow(tx, { templateId: row.templateId, memberId, source: 'store_qr', now, issueKey: `qr:${row.id}` });
    await recordCouponVisit(tx, { visitorId: memberId, templateId: row.templateId, sharerId: null, scene: input.scene });
    return {
      couponId: claimed.userCouponId,
      templateId: claimed.template.id,
      name: claimed.template.name,
      validFrom: claimed.validFrom,
      validTo: claimed.validTo,
    };
  }, READ_COMMITTED);
}

/** The guarded counter took nothing: revoked or expired since the first read, or all claimed. */
async function whyNotTaken(db: DbOrTx, id: number, now: Date): Promise<AppError> {
  const [current] = await db.select().from(couponClaimTokens).where(eq(couponClaimTokens.id, id)).limit(1);
  const state = current ? stateOf(current, now) : 'revoked';
  return state === 'revoked' ? revoked() : state === 'expired' ? expired() : exhausted();
}
