import { z } from 'zod';
import { StaffRoleSchema } from '../../contract/enums';
import { freeText } from '../../http/text';

const TierSchema = z.object({ code: z.string(), name: z.string(), discountPercent: z.number().int() }).openapi('Tier');

export const MemberViewSchema = z
  .object({
    id: z.number().int(),
    /** 会员号 shown to people (member-number.ts); the internal id is never shown. */
    memberNo: z.string(),
    nickname: z.string(),
    avatarUrl: z.string(),
    /** Masked for display (138****5678); the full number never leaves the BFF in lists. */
    phone: z.string().nullable(),
    birthday: z.string().nullable(),
    tier: TierSchema,
    progress: z.object({
      next: TierSchema.extend({ thresholdFen: z.number().int() }).nullable(),
      remainingFen: z.number().int(),
      percent: z.number().int(),
    }),
    totalSpentFen: z.number().int(),
    points: z.number().int(),
    staff: z.object({ storeId: z.number().int().nullable(), storeName: z.string().nullable(), role: StaffRoleSchema }).nullable(),
  })
  .openapi('Member');
export type MemberView = z.infer<typeof MemberViewSchema>;

export const UpdateProfileSchema = z
  .object({
    nickname: freeText('昵称').min(1, '昵称不能为空').max(32, '昵称最多 32 个字').optional(),
    avatarUrl: z.string().url('头像地址不正确').max(512).optional(),
    birthday: z.iso.date('生日格式应为 YYYY-MM-DD').optional(),
  })
  .strict();

export const BindPhoneSchema = z.object({ code: z.string().min(1).max(128) });

export const PointsQuerySchema = z.object({
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const PointsPageSchema = z
  .object({
    items: z.array(
      z
        .object({
          id: z.number().int(),
          delta: z.number().int(),
          balanceAfter: z.number().int(),
          reason: z.string(),
          reference: z.string(),
          createdAt: z.string(),
        })
        .openapi('PointsEntry'),
    ),
    nextCursor: z.number().int().nullable(),
  })
  .openapi('PointsPage');

export const MemberCodeSchema = z.object({ code: z.string(), expiresAt: z.string() }).openapi('MemberCode');

export const MemberNoParamsSchema = z.object({
  memberNo: z
    .string()
    .trim()
    .max(16)
    .regex(/^[\d\s-]+$/, '会员号只能是数字'),
});

/** What the till sees of a member looked up by 会员号 (phone masked). */
export const MemberByNumberSchema = z
  .object({
    id: z.number().int(),
    memberNo: z.string(),
    nickname: z.string(),
    avatarUrl: z.string(),
    phone: z.string().nullable(),
    tier: TierSchema,
    points: z.number().int(),
  })
  .openapi('MemberByNumber');
