import { z } from 'zod';

export const ResolveMemberCodeSchema = z.object({ code: z.string().trim().min(1, '请输入会员码').max(32) });

export const TillMemberSchema = z
  .object({
    id: z.number().int(),
    nickname: z.string(),
    avatarUrl: z.string(),
    phone: z.string().nullable(),
    tier: z.object({ code: z.string(), name: z.string(), discountPercent: z.number().int() }),
    points: z.number().int(),
  })
  .openapi('TillMember');

export const BindStaffSchema = z.object({
  memberId: z.number().int().positive(),
  storeId: z.number().int().positive(),
  role: z.enum(['clerk', 'manager']),
});

export const StaffBindingSchema = z.object({
  staffId: z.number().int(),
  memberId: z.number().int(),
  storeId: z.number().int(),
  role: z.enum(['clerk', 'manager']),
});

export const StaffMemberParamsSchema = z.object({ memberId: z.coerce.number().int().positive() });
